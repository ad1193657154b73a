import type { Lang } from '../i18n.ts';
import type { Figure } from '../markdown/readme.ts';
import { accessibleText } from './accessibility.ts';
import { readDiagram } from './files.ts';
import type { DiagramRenderer } from './render.ts';

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
