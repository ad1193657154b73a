import { ContentError } from '../content-error.ts';

export interface DiagramText {
  title: string;
  description: string;
}

/**
 * The `accTitle` and `accDescr` a diagram must declare: screen readers hear them in place of the
 * picture, so a diagram without them is refused, at the line where they belong.
 */
export function accessibleText(source: string, file: string): DiagramText {
  const lines = source.split('\n');
  const title = /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source)?.[1];
  const description =
    /^\s*accDescr\s*:\s*(.+?)\s*$/m.exec(source)?.[1] ??
    /^\s*accDescr\s*\{([\s\S]*?)\}/m.exec(source)?.[1]?.replace(/\s+/g, ' ').trim();
  const firstLine = lines.findIndex((line) => line.trim() && !line.trim().startsWith('%%')) + 1;
  if (!title) {
    throw new ContentError(
      file,
      { line: firstLine + 1 },
      'the diagram has no accTitle',
      'add a line `accTitle: What the diagram shows` after the diagram type.',
    );
  }
  if (!description) {
    throw new ContentError(
      file,
      { line: firstLine + 1 },
      'the diagram has no accDescr',
      'add `accDescr: The flow in one or two sentences` (or `accDescr { … }` over several lines) after accTitle.',
    );
  }
  return { title, description };
}
