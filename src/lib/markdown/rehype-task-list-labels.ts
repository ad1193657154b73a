import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * GFM renders a task item as a bare disabled checkbox followed by its text, which axe reports
 * as a form field without a label. Wrapping the checkbox and the inline text after it in one
 * `<label>` names the checkbox by its text, without a second copy for screen readers to read.
 */
export function rehypeTaskListLabels() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const index = node.children.findIndex(isTaskCheckbox);
      if (index === -1 || node.tagName === 'label') return;
      const end = node.children.findIndex((child, i) => i > index && isBlock(child));
      const stop = end === -1 ? node.children.length : end;
      const label: Element = {
        type: 'element',
        tagName: 'label',
        properties: {},
        children: node.children.slice(index, stop),
      };
      node.children.splice(index, stop - index, label);
      return SKIP;
    });
  };
}

function isTaskCheckbox(node: ElementContent): boolean {
  return node.type === 'element' && node.tagName === 'input' && node.properties.type === 'checkbox';
}

const blockTags = new Set(['p', 'ul', 'ol', 'div', 'pre', 'blockquote', 'table']);

function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && blockTags.has(node.tagName);
}
