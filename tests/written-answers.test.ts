import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadPage } from '../src/content/load.ts';
import { categoryHeading, owaspTop10 } from '../src/deliverables/system-security/owasp.ts';
import {
  carefulWordsPerMinute,
  countWords,
  scriptWindow,
  speakingSeconds,
  wordsPerMinute,
} from '../src/lib/speaking-time.ts';
import { root } from './helpers/root.ts';

const content = join(root, 'content');
const security = (lang: 'en' | 'es') => loadPage(join(content, 'system-security', `${lang}.mdx`));

/** The words a reader reads: the body without its frontmatter and its footnotes' sources. */
function bodyWords(tree: Root): number {
  const body = tree.children.filter(
    (node) => node.type !== 'yaml' && node.type !== 'footnoteDefinition',
  );
  return countWords(body.map((node) => toString(node)).join('\n'));
}

/**
 * What must match between the two languages: each section's heading level and OWASP id (or
 * position), and inside it how many paragraphs, list items, tables and table rows it holds.
 */
function shape(tree: Root): string[] {
  const sections: string[] = [];
  let counts = new Map<string, number>();
  const close = () => {
    if (sections.length) sections[sections.length - 1] += ` ${JSON.stringify([...counts])}`;
  };
  const count = (node: RootContent) => {
    if (node.type === 'list')
      counts.set('items', (counts.get('items') ?? 0) + node.children.length);
    else if (node.type === 'table')
      counts.set('rows', (counts.get('rows') ?? 0) + node.children.length);
    else counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  };
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      close();
      counts = new Map();
      const id = /^A\d\d:2021/.exec(toString(node))?.[0] ?? `#${sections.length}`;
      sections.push(`h${(node as Heading).depth} ${id}`);
    } else count(node);
  }
  close();
  return sections;
}

describe('the security answer', () => {
  it('stays within 1,500 words in English, footnotes not counted', async () => {
    const { tree } = await security('en');
    expect(bodyWords(tree)).toBeLessThanOrEqual(1500);
  });

  it('opens with the summary, then the ten OWASP categories in order', async () => {
    for (const lang of ['en', 'es'] as const) {
      const { tree } = await security(lang);
      const h2 = tree.children
        .filter((node): node is Heading => node.type === 'heading' && node.depth === 2)
        .map((node) => toString(node));
      expect(h2).toEqual([
        lang === 'en' ? 'Summary' : 'Resumen',
        ...owaspTop10.map((_, i) => categoryHeading(i, lang)),
      ]);
    }
  });

  it('says the same in Spanish and English: same sections, same order, same parts', async () => {
    const [en, es] = await Promise.all([security('en'), security('es')]);
    expect(shape(es.tree)).toEqual(shape(en.tree));
  });

  it('cites the 2021 edition at its own address, in each language', async () => {
    const en = await readFile(join(content, 'system-security', 'en.mdx'), 'utf8');
    const es = await readFile(join(content, 'system-security', 'es.mdx'), 'utf8');
    expect(en).toContain('](https://owasp.org/Top10/2021/)');
    expect(es).toContain('](https://owasp.org/Top10/2021/es/)');
  });
});

describe('the recording script', () => {
  it('has at most 100 words and fits both speaking paces', async () => {
    const words = countWords(await readFile(join(content, 'english', 'script.txt'), 'utf8'));
    expect(words).toBeLessThanOrEqual(100);
    expect(speakingSeconds(words, wordsPerMinute)).toBeGreaterThanOrEqual(scriptWindow.minSeconds);
    expect(speakingSeconds(words, wordsPerMinute)).toBeLessThanOrEqual(scriptWindow.maxSeconds);
    expect(speakingSeconds(words, carefulWordsPerMinute)).toBeLessThanOrEqual(55);
  });
});

describe('English spelling', () => {
  // British forms the kit's English could slip into; American English is the one standard.
  const british =
    /\b(?:\w+(?:isation|ise[ds]?|ising)|\w*(?:behaviour|favourite|colour|honour|labour|modell|labell|travell|cancell|signall)\w*|centre|metre|licence|defence|offence|analyse[ds]?|catalogue)\b/gi;
  const americanAnyway =
    /^(?:\w*(?:raise|promise|wise|precise|concise|expertise|enterprise|advise|revise|supervise|compromise|surprise|exercise|premise|noise|praise)[ds]?|rising|raising)$/i;

  it.each([
    'system-security/en.mdx',
    'devops/part-2/en.mdx',
    'english/en.mdx',
    'english/script.txt',
  ])('is American in %s', async (file) => {
    const text = await readFile(join(content, file), 'utf8');
    const suspects = [...text.matchAll(british)]
      .map(([word]) => word)
      .filter((word) => !americanAnyway.test(word));
    expect(suspects).toEqual([]);
  });
});
