import type { BlockContent, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { ContentError } from '../content-error.ts';
import { remarkPlugins } from './plugins.ts';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/**
 * How each component that content may use reads in plain Markdown. A component missing here
 * stops the export rather than vanish from the reviewer's copy.
 */
const componentsAsMarkdown: Record<string, (node: JsxElement) => RootContent[]> = {
  /** `<Callout title="…">…</Callout>`: a quotation whose first line is its title in bold. */
  Callout(node) {
    const title = stringAttribute(node, 'title');
    const body = (
      node.type === 'mdxJsxTextElement'
        ? [{ type: 'paragraph', children: node.children }]
        : [...node.children]
    ) as BlockContent[];
    if (title) {
      body.unshift({
        type: 'paragraph',
        children: [{ type: 'strong', children: [{ type: 'text', value: title }] }],
      });
    }
    return [{ type: 'blockquote', children: body }];
  },
};

const knownComponents = Object.keys(componentsAsMarkdown);

const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
};

const stringifier = unified().use(remarkPlugins).use(remarkStringify, stringifyOptions);

interface MarkdownOptions {
  /** Becomes the document's `#` heading: on the site the title comes from frontmatter. */
  title?: string;
}

/**
 * Turns a parsed MDX tree (see `parseMdx`) into clean GFM: frontmatter, imports and exports go;
 * components become their Markdown reading; comments go; any other expression is an error,
 * since its value exists only when the page runs.
 */
export function mdxToMarkdown(tree: Root, file: string, options: MarkdownOptions = {}): string {
  const children = translateChildren(tree.children, file);
  if (options.title) {
    children.unshift({
      type: 'heading',
      depth: 1,
      children: [{ type: 'text', value: options.title }],
    });
  }
  return String(stringifier.stringify({ type: 'root', children }));
}

function translateChildren(nodes: readonly RootContent[], file: string): RootContent[] {
  return nodes.flatMap((node) => translate(node, file));
}

function translate(node: RootContent, file: string): RootContent[] {
  switch (node.type) {
    case 'yaml':
    case 'mdxjsEsm':
      return [];
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      if (isComment(node.value)) return [];
      throw new ContentError(
        file,
        node.position?.start,
        `the expression {${node.value.trim()}} has a value only when the page runs, so it cannot be exported`,
        'write its value as text, or move it into a component that has a Markdown reading.',
      );
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return translateJsx(node, file);
    default:
      if ('children' in node) {
        const parent = node as Parent;
        return [
          {
            ...parent,
            children: translateChildren(parent.children as RootContent[], file),
          } as RootContent,
        ];
      }
      return [node];
  }
}

function translateJsx(node: JsxElement, file: string): RootContent[] {
  const inner = {
    ...node,
    children: translateChildren(node.children as RootContent[], file),
  } as JsxElement;
  // A fragment or an HTML element (lower case) only wraps its text: keep the text.
  if (!node.name || /^[a-z]/.test(node.name)) return inner.children as RootContent[];
  const toMarkdown = componentsAsMarkdown[node.name];
  if (!toMarkdown) {
    throw new ContentError(
      file,
      node.position?.start,
      `the component <${node.name}> has no Markdown reading, so the export would lose it`,
      `use one of ${knownComponents.map((name) => `<${name}>`).join(', ')}, or add a reading for <${node.name}> in src/lib/markdown/mdx-to-markdown.ts.`,
    );
  }
  return toMarkdown(inner);
}

function stringAttribute(node: JsxElement, name: string): string | undefined {
  for (const attribute of node.attributes) {
    if (
      attribute.type === 'mdxJsxAttribute' &&
      attribute.name === name &&
      typeof attribute.value === 'string'
    ) {
      return attribute.value;
    }
  }
  return undefined;
}

function isComment(expression: string): boolean {
  const value = expression.trim();
  return value.startsWith('/*') && value.endsWith('*/');
}
