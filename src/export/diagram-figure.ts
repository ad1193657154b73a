import { accessibleText } from '../lib/diagrams/accessibility.ts';
import { readDiagram } from '../lib/diagrams/files.ts';
import type { DiagramRenderer } from '../lib/diagrams/render.ts';
import type { Lang } from '../lib/i18n.ts';
import type { Figure } from '../lib/markdown/readme.ts';

/**
 * A diagram as a README shows it: the PNG, under the file name `src` beside the README, and the
 * figure naming it, whose alt text is the diagram's own title.
 */
export async function diagramFigure(
  name: string,
  lang: Lang,
  src: string,
  { diagramsDir, renderer }: { diagramsDir: string; renderer: DiagramRenderer },
): Promise<{ figure: Figure; png: Uint8Array }> {
  const diagram = await readDiagram(name, lang, diagramsDir);
  return {
    figure: { alt: accessibleText(diagram.source, diagram.file).title, src },
    png: await renderer.png(diagram),
  };
}
