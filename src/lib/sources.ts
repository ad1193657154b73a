import type { FootnoteDefinition, FootnoteReference, Link, Node, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { ContentError } from './content-error.ts';

/**
 * The primary sources a footnote may cite: the publisher's own documentation, standards and
 * advisories, each as the start of its address. A claim a reviewer could doubt is backed by the
 * party that defines the behaviour, never by a blog or a forum; a new publisher goes here, once.
 */
export const primarySources = [
  { publisher: 'AWS documentation', prefix: 'https://docs.aws.amazon.com/' },
  { publisher: 'AWS service terms and SLAs', prefix: 'https://aws.amazon.com/' },
  { publisher: 'OWASP', prefix: 'https://owasp.org/' },
  { publisher: 'OWASP Cheat Sheet Series', prefix: 'https://cheatsheetseries.owasp.org/' },
  { publisher: 'RFC Editor', prefix: 'https://www.rfc-editor.org/' },
  { publisher: 'IETF Datatracker', prefix: 'https://datatracker.ietf.org/' },
  { publisher: 'NIST', prefix: 'https://pages.nist.gov/' },
  { publisher: 'NIST National Vulnerability Database', prefix: 'https://nvd.nist.gov/' },
  { publisher: 'GitHub Advisory Database', prefix: 'https://github.com/advisories/' },
  { publisher: 'Kubernetes documentation', prefix: 'https://kubernetes.io/docs/' },
  { publisher: 'Redis documentation', prefix: 'https://redis.io/' },
  { publisher: 'Next.js documentation', prefix: 'https://nextjs.org/docs/' },
  { publisher: 'Gitleaks', prefix: 'https://github.com/gitleaks/gitleaks' },
  { publisher: 'Trivy documentation', prefix: 'https://trivy.dev/' },
] as const;

/** The publisher a link cites, or undefined when it is not on the list. */
export function primarySource(url: string): string | undefined {
  return primarySources.find(({ prefix }) => url.startsWith(prefix))?.publisher;
}

/**
 * The page a link cites, whatever the language of the translation it points at, so that an
 * English and a Spanish answer citing OWASP's page in their own language cite the same source.
 */
export function sourceKey(url: string): string {
  return url.replace('/es/', '/');
}

/** A page's footnotes: where each label is used and where it is defined, with its links. */
export interface Footnotes {
  references: FootnoteReference[];
  definitions: FootnoteDefinition[];
}

export function footnotes(tree: Root): Footnotes {
  const references: FootnoteReference[] = [];
  const definitions: FootnoteDefinition[] = [];
  visit(tree, (node) => {
    if (node.type === 'footnoteReference') references.push(node);
    else if (node.type === 'footnoteDefinition') definitions.push(node);
  });
  return { references, definitions };
}

/** The links a footnote definition holds. */
export function linksOf(definition: FootnoteDefinition): string[] {
  const urls: string[] = [];
  visit(definition, 'link', (link: Link) => {
    urls.push(link.url);
  });
  return urls;
}

/** Every source a page cites, as `sourceKey` names it, in the order of its definitions. */
export function citedSources(tree: Root): string[] {
  return footnotes(tree).definitions.flatMap((d) => linksOf(d).map(sourceKey));
}

const lineOf = (node: Node) => (node.position ? { line: node.position.start.line } : undefined);

/**
 * Every problem with a page's footnotes, as `ContentError`s: a footnote used and not defined,
 * defined and not used, defined twice, without a link, or linking to anything but an `https`
 * page of a primary source.
 */
export function footnoteProblems(tree: Root, file: string): ContentError[] {
  const { references, definitions } = footnotes(tree);
  const used = new Set(references.map((r) => r.identifier));
  const defined = new Map<string, FootnoteDefinition>();
  const problems: ContentError[] = [];

  for (const definition of definitions) {
    const label = definition.label ?? definition.identifier;
    if (defined.has(definition.identifier)) {
      problems.push(
        new ContentError(
          file,
          lineOf(definition),
          `footnote [^${label}] is defined twice`,
          'keep one definition, or give the second footnote a label of its own.',
        ),
      );
    }
    defined.set(definition.identifier, definition);
    if (!used.has(definition.identifier)) {
      problems.push(
        new ContentError(
          file,
          lineOf(definition),
          `footnote [^${label}] is defined and never used`,
          `cite it where its claim is made, with [^${label}], or delete the definition.`,
        ),
      );
    }
    const links = linksOf(definition);
    if (links.length === 0) {
      problems.push(
        new ContentError(
          file,
          lineOf(definition),
          `footnote [^${label}] links to no source`,
          'end it with a link to the page that backs the claim: [title](https://…).',
        ),
      );
    }
    for (const url of links) {
      if (!url.startsWith('https://') || !primarySource(url)) {
        problems.push(
          new ContentError(
            file,
            lineOf(definition),
            `footnote [^${label}] links to ${url}, which is not an https page of a primary source`,
            `cite the publisher's own page (${primarySources.map((s) => s.prefix.replace('https://', '')).join(', ')}), or add the publisher to primarySources in src/lib/sources.ts.`,
          ),
        );
      }
    }
  }
  // GFM parses `[^label]` as a reference only when a definition exists; an undefined one stays text.
  const reported = new Set<string>();
  visit(tree, 'text', (node: Text) => {
    for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
      const label = match[1]!;
      if (reported.has(label)) continue;
      reported.add(label);
      const before = node.value.slice(0, match.index);
      const line = (node.position?.start.line ?? 1) + (before.match(/\n/g)?.length ?? 0);
      problems.push(
        new ContentError(
          file,
          node.position ? { line } : undefined,
          `footnote [^${label}] is used and never defined`,
          `add its definition, [^${label}]: what it backs, [title](https://…), at the end of the file.`,
        ),
      );
    }
  });
  return problems;
}
