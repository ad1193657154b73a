import type { Root } from 'mdast';
import { mdxToMarkdown } from './mdx-to-markdown.ts';

export interface Figure {
  alt: string;
  /** The image's file name, beside the README. */
  src: string;
}

/** A README as GitHub shows it: the page's title, its figures, then its body as Markdown. */
export function readme(
  title: string,
  figures: readonly Figure[],
  tree: Root,
  file: string,
): string {
  const images = figures.map(({ alt, src }) => `![${alt}](${src})`).join('\n\n');
  return `# ${title}\n\n${images}\n\n${mdxToMarkdown(tree, file)}`;
}
