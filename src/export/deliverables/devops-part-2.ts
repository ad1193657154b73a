import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadContentFolder } from '../../lib/content-file.ts';
import { deliverable } from '../../lib/deliverables.ts';
import { accessibleText } from '../../lib/diagrams/accessibility.ts';
import { readDiagram } from '../../lib/diagrams/files.ts';
import { originalImagePath } from '../../lib/original-image.ts';
import type { DevopsPart2Data } from '../../schemas/devops-part-2.ts';
import { readme, type Figure } from '../readme.ts';
import type { DeliverableExport, ExportFile } from '../types.ts';

const { brief } = deliverable('devops-part-2');
const answers = `${brief.challenge.en} — ${brief.section.en}`;

/**
 * `devops/part-2/README.md`, the description as GitHub renders it, opening with the redrawn
 * topology (`topology.png` beside it); and the challenge's own `diagram.png` when we have it.
 */
export const devopsPart2: DeliverableExport = {
  id: 'devops-part-2',
  async files({ contentDir, diagramsDir, renderer }) {
    const [{ file, data, tree }] = await loadContentFolder(join(contentDir, 'devops', 'part-2'));
    const { title, diagram: diagramName, lang, originalImage } = data as DevopsPart2Data;
    const diagram = await readDiagram(diagramName, lang, diagramsDir);
    const alt = accessibleText(diagram.source, diagram.file).title;
    const original = originalImagePath(file, originalImage);
    const figures: Figure[] = [{ alt, src: 'topology.png' }];
    if (original) figures.push({ alt: "The challenge's original diagram", src: 'diagram.png' });
    const files: ExportFile[] = [
      {
        path: 'devops/part-2/README.md',
        contents: readme(title, figures, tree, file),
        brief: answers,
      },
      { path: 'devops/part-2/topology.png', contents: await renderer.png(diagram), brief: answers },
    ];
    if (original) {
      files.push({
        path: 'devops/part-2/diagram.png',
        contents: await readFile(original),
        brief: answers,
      });
    }
    return files;
  },
};
