import { join } from 'node:path';
import type { Heading, List, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadPage } from '../src/content/load.ts';
import { ContentErrors } from '../src/lib/content-error.ts';
import { mdxToMarkdown } from '../src/lib/markdown/mdx-to-markdown.ts';
import { parseMdx } from '../src/lib/markdown/parse-mdx.ts';
import { readme } from '../src/lib/markdown/readme.ts';
import { categoryHeading, owaspTop10 } from '../src/deliverables/system-security/owasp.ts';
import {
  citedSources,
  footnoteProblems,
  footnotes,
  linksOf,
  primarySource,
  sourceKey,
} from '../src/lib/sources.ts';
import { root } from './helpers/root.ts';

const page = (route: string, lang: 'en' | 'es' = 'en') =>
  loadPage(join(root, 'content', route, `${lang}.mdx`));

const problemsOf = (body: string) =>
  footnoteProblems(parseMdx(body, 'test.mdx'), 'test.mdx').map((p) => p.message);

/** The footnote labels a node cites. */
function citations(node: RootContent | RootContent[]): string[] {
  const labels: string[] = [];
  for (const child of [node].flat()) {
    visit(child, 'footnoteReference', (ref) => {
      labels.push(ref.identifier);
    });
  }
  return labels;
}

/** The `##` sections of a page: each heading's text and the nodes up to the next one. */
function sections(tree: Root): { title: string; nodes: RootContent[] }[] {
  const found: { title: string; nodes: RootContent[] }[] = [];
  for (const node of tree.children) {
    if (node.type === 'footnoteDefinition') continue;
    if (node.type === 'heading' && (node as Heading).depth === 2) {
      found.push({ title: toString(node), nodes: [] });
    } else found.at(-1)?.nodes.push(node);
  }
  return found;
}

describe('footnote checks', () => {
  it('accept a used footnote that links to an https page of a primary source', () => {
    expect(
      problemsOf(
        'A claim.[^a]\n\n[^a]: The docs, [page](https://docs.aws.amazon.com/lambda/latest/dg/x.html).\n',
      ),
    ).toEqual([]);
  });

  it('refuse a footnote used and never defined, with its line', () => {
    const [message] = problemsOf('Line one.\n\nA claim.[^missing]\n');
    expect(message).toMatch(
      /^test\.mdx:3(:\d+)?: footnote \[\^missing\] is used and never defined/,
    );
  });

  it('refuse a footnote defined and never used', () => {
    expect(problemsOf('Text.\n\n[^lonely]: [page](https://owasp.org/Top10/2021/)\n')).toEqual([
      expect.stringContaining('footnote [^lonely] is defined and never used'),
    ]);
  });

  it('refuse plain http, a host off the list, and a footnote with no link', () => {
    const messages = problemsOf(
      [
        'One[^http], two[^blog], three[^none].',
        '',
        '[^http]: [page](http://docs.aws.amazon.com/x.html)',
        '[^blog]: [post](https://medium.com/some-post)',
        '[^none]: Trust me.',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /\[\^http\] links to http:\/\/docs\.aws\.amazon\.com\/x\.html, which is not an https page/,
      ),
      expect.stringMatching(/\[\^blog\] links to https:\/\/medium\.com\/some-post, which is not/),
      expect.stringContaining('[^none] links to no source'),
    ]);
  });

  it('stop the loader: a page whose footnote cites a blog does not build or export', async () => {
    const { mkdtemp, writeFile, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'sources-'));
    try {
      const source = await readFile(join(root, 'content', 'devops', 'part-2', 'en.mdx'), 'utf8');
      const file = join(dir, 'en.mdx');
      await writeFile(
        file,
        `${source}\nOne more claim.[^blog]\n\n[^blog]: [a post](https://medium.com/x)\n`,
      );
      const error = await loadPage(file).catch((e: unknown) => e);
      const messages =
        error instanceof ContentErrors ? error.problems.map((p) => p.message) : [String(error)];
      expect(messages.join('\n')).toContain('footnote [^blog] links to https://medium.com/x');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('name a translation of a page as the page itself', () => {
    expect(sourceKey('https://owasp.org/Top10/2021/es/')).toBe('https://owasp.org/Top10/2021/');
    expect(primarySource('https://docs.aws.amazon.com.evil.example/')).toBeUndefined();
  });
});

describe('sources behind the written answers', () => {
  it('every step of the Stories walk-through cites at least one', async () => {
    for (const lang of ['en', 'es'] as const) {
      const { tree } = await page('cloud-computing', lang);
      const [walkThrough] = sections(tree);
      const steps = walkThrough!.nodes.find((n): n is List => n.type === 'list' && !!n.ordered);
      expect(steps?.children.length).toBeGreaterThanOrEqual(10);
      const uncited = steps!.children
        .filter((step) => citations(step).length === 0)
        .map((step) => toString(step).slice(0, 40));
      expect(uncited, `${lang}: steps without a source`).toEqual([]);
    }
  });

  it('every section of DevOps Part 2 cites at least one', async () => {
    const { tree } = await page('devops/part-2');
    const all = sections(tree);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const uncited = all.filter((s) => citations(s.nodes).length === 0).map((s) => s.title);
    expect(uncited).toEqual([]);
  });

  it('every OWASP category of the security audit cites at least one, in each language', async () => {
    for (const lang of ['en', 'es'] as const) {
      const { tree } = await page('system-security', lang);
      const byTitle = new Map(sections(tree).map((s) => [s.title, s.nodes]));
      const uncited = owaspTop10
        .map((_, i) => categoryHeading(i, lang))
        .filter((title) => citations(byTitle.get(title) ?? []).length === 0);
      expect(uncited, lang).toEqual([]);
    }
  });

  it.each(['cloud-computing', 'system-security'])(
    'the English and Spanish %s cite the same sources, in the same order',
    async (route) => {
      const [en, es] = await Promise.all([page(route, 'en'), page(route, 'es')]);
      expect(citedSources(es.tree)).toEqual(citedSources(en.tree));
      expect(citedSources(en.tree).length).toBeGreaterThan(0);
    },
  );

  it('every link in a footnote is an https page of a primary source', async () => {
    const pages = await Promise.all([
      page('cloud-computing', 'en'),
      page('cloud-computing', 'es'),
      page('system-security', 'en'),
      page('system-security', 'es'),
      page('devops/part-2'),
    ]);
    for (const { tree, file } of pages) {
      const links = footnotes(tree).definitions.flatMap(linksOf);
      expect(links.length, file).toBeGreaterThan(0);
      expect(
        links.filter((url) => !url.startsWith('https://') || !primarySource(url)),
        file,
      ).toEqual([]);
      expect(footnoteProblems(tree, file)).toEqual([]);
    }
  });
});

describe('footnotes in the exported Markdown', () => {
  /** GFM footnotes: each label referenced in the text and defined once at the end. */
  function expectGfmFootnotes(markdown: string, tree: Root) {
    const labels = [...new Set(footnotes(tree).references.map((r) => r.label ?? r.identifier))];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const escaped = label.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      expect(markdown).toMatch(new RegExp(`\\[\\^${escaped}\\](?!:)`));
      expect(markdown.match(new RegExp(`^\\[\\^${escaped}\\]: `, 'gm'))).toHaveLength(1);
    }
  }

  it('security_question.md in each language carries every footnote as a GFM footnote', async () => {
    for (const lang of ['en', 'es'] as const) {
      const { tree, file, data } = await page('system-security', lang);
      expectGfmFootnotes(mdxToMarkdown(tree, file, { title: data.title }), tree);
    }
  });

  it('the Part 2 README carries every footnote as a GFM footnote', async () => {
    const { tree, file, data } = await page('devops/part-2');
    expectGfmFootnotes(readme(data.title, [], tree, file), tree);
  });
});
