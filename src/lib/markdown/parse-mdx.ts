import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFileMessage } from 'vfile-message';
import { ContentError } from '../content-error.ts';
import { remarkPlugins } from './plugins.ts';

const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkMdx)
  .use(remarkPlugins);

/**
 * Parses an MDX file to mdast, frontmatter included, with the site's syntax extensions. A syntax
 * error becomes a `ContentError` at the line MDX reports.
 */
export function parseMdx(source: string, file: string): Root {
  try {
    return parser.runSync(parser.parse(source)) as Root;
  } catch (error) {
    if (error instanceof VFileMessage) {
      const place = error.line
        ? { line: error.line, ...(error.column ? { column: error.column } : {}) }
        : undefined;
      throw new ContentError(
        file,
        place,
        `this MDX does not parse: ${error.reason}`,
        'close every tag, escape a literal `<` or `{` as `\\<` or `\\{`, and check the line above too.',
      );
    }
    throw error;
  }
}
