import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadContentFolder } from '../../lib/content-file.ts';
import { deliverable } from '../../lib/deliverables.ts';
import { accessibleText } from '../../lib/diagrams/accessibility.ts';
import { readDiagram } from '../../lib/diagrams/files.ts';
import { part1ProjectFiles } from '../../lib/part-1-project.ts';
import type { DevopsPart1Data } from '../../schemas/devops-part-1.ts';
import { readme } from '../readme.ts';
import type { DeliverableExport, ExportFile } from '../types.ts';

const { brief } = deliverable('devops-part-1');
const answers = `${brief.challenge.en} — ${brief.section.en}`;
/** Part 1's CI: GitHub reads workflows only at a repository's root, so it sits beside part-1/. */
const part1Workflow = '.github/workflows/part-1.yml';

/**
 * `devops/part-1/`: the project folder as it is (app, Dockerfile, infrastructure, scripts,
 * lockfile), with the page as its `README.md` and the deployment diagram as `architecture.png`;
 * and its CI workflow at `devops/.github/workflows/`, the root of the challenge's repository.
 */
export const devopsPart1: DeliverableExport = {
  id: 'devops-part-1',
  async files({ contentDir, diagramsDir, renderer }) {
    const folder = join(contentDir, 'devops', 'part-1');
    const [{ file, data, tree }] = await loadContentFolder(folder);
    const { title, diagram: diagramName, lang } = data as DevopsPart1Data;
    const diagram = await readDiagram(diagramName, lang, diagramsDir);
    const alt = accessibleText(diagram.source, diagram.file).title;
    const files: ExportFile[] = [
      {
        path: 'devops/part-1/README.md',
        contents: readme(title, [{ alt, src: 'architecture.png' }], tree, file),
        brief: answers,
      },
      {
        path: 'devops/part-1/architecture.png',
        contents: await renderer.png(diagram),
        brief: answers,
      },
    ];
    files.push({
      path: `devops/${part1Workflow}`,
      contents: await readFile(join(contentDir, 'devops', part1Workflow)),
      brief: answers,
    });
    for (const path of await part1ProjectFiles(folder)) {
      files.push({
        path: `devops/part-1/${path}`,
        contents: await readFile(join(folder, path)),
        brief: answers,
      });
    }
    return files;
  },
};
