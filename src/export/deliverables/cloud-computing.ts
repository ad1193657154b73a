import { join } from 'node:path';
import { loadContentFolder } from '../../lib/content-file.ts';
import { deliverable } from '../../lib/deliverables.ts';
import { readDiagram } from '../../lib/diagrams/files.ts';
import { defaultLang } from '../../lib/i18n.ts';
import type { StoriesData } from '../../schemas/stories.ts';
import type { DeliverableExport, ExportFile } from '../types.ts';

const { brief } = deliverable('cloud-computing');

/**
 * The Instagram Stories flowchart as the image the brief asks for, in each language:
 * `cloud-computing/<exportName>.png` in English and `<exportName>-es.png` in Spanish, each with
 * its SVG beside it.
 */
export const cloudComputing: DeliverableExport = {
  id: 'cloud-computing',
  async files({ contentDir, diagramsDir, renderer }) {
    const files: ExportFile[] = [];
    for (const { data } of await loadContentFolder(join(contentDir, 'stories'))) {
      const { diagram: diagramName, exportName, lang } = data as StoriesData;
      const diagram = await readDiagram(diagramName, lang, diagramsDir);
      const base = `cloud-computing/${exportName}${lang === defaultLang ? '' : `-${lang}`}`;
      const answers = `${brief.challenge.en} — ${brief.section.en}`;
      files.push(
        { path: `${base}.png`, contents: await renderer.png(diagram), brief: answers },
        { path: `${base}.svg`, contents: await renderer.svg(diagram), brief: answers },
      );
    }
    return files;
  },
};
