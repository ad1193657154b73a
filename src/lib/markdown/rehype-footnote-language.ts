import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { languages, ui, type Lang } from '../i18n.ts';

/**
 * remark-rehype writes footnote labels in English whatever the page's language. This puts them
 * in the language of the file's frontmatter, so a Spanish page reads “Notas”, not “Footnotes”.
 */
export function rehypeFootnoteLanguage() {
  return (tree: Root, file: VFile) => {
    const lang = file.data.astro?.frontmatter?.lang as Lang | undefined;
    if (!lang || !languages.includes(lang)) return;
    const t = ui[lang];
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id === 'footnote-label') {
        node.children = [{ type: 'text', value: t.footnotes }];
      }
      const label = node.properties.ariaLabel;
      if (typeof label === 'string' && label.startsWith('Back to reference')) {
        node.properties.ariaLabel = label.replace('Back to reference', t.backToReference);
      }
    });
  };
}
