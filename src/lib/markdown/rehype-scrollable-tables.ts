import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/**
 * A table wider than a phone scrolls inside its own box instead of widening the page. The box
 * takes keyboard focus, so it can be scrolled without a mouse, and is a region named by the
 * table's header row, so a screen reader says what it is.
 */
export function rehypeScrollableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      const header = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'thead',
      );
      const names = header
        ? header.children.flatMap((row) => (row.type === 'element' ? row.children : []))
        : [];
      const label = names
        .map((cell) => toString(cell).trim())
        .filter(Boolean)
        .join(', ');
      parent.children[index] = {
        type: 'element',
        // A named <section> is a region landmark: keyboard users can reach and scroll it.
        tagName: 'section',
        properties: {
          className: ['table-scroll'],
          tabIndex: 0,
          ariaLabel: label || 'Table',
        },
        children: [node],
      };
      return SKIP;
    });
  };
}
