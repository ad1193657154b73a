import type { KitConfig } from '../config.ts';
import type { LoadedDeliverable } from '../content/load.ts';
import type { DiagramRenderer } from '../lib/diagrams/render.ts';
import { devopsChallengeZip } from './devops-challenge-zip.ts';
import { manifest } from './manifest.ts';
import type { ExportFile } from './types.ts';

/**
 * The files handed in: every deliverable's, the DevOps zip and `MANIFEST.md`; everything in
 * `submission/` but the prints in `pdf/`. The export writes them, and the site's
 * `/submission/…` endpoint serves them, both from this one function, so a reviewer downloads the
 * very bytes the manifest hashes. Diagrams come from the content-keyed cache: when the export
 * builds the site for its PDFs, the build finds every PNG and SVG the export just rendered.
 */
export async function handedInFiles(
  content: readonly LoadedDeliverable[],
  config: Pick<KitConfig, 'diagramsDir' | 'exportLang'>,
  renderer: DiagramRenderer,
): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  const context = { diagramsDir: config.diagramsDir, renderer, lang: config.exportLang };
  // All at once, so the renderer's two tabs share their diagrams; kept in the content's order.
  const written = await Promise.all(
    content.map(({ deliverable, pages }) => deliverable.files(pages as never, context)),
  );
  content.forEach(({ deliverable }, index) => {
    files.push(
      ...written[index]!.map((file) => ({
        ...file,
        brief: deliverable.answers,
        deliverable: deliverable.id,
      })),
    );
  });
  const paths = new Set<string>();
  for (const { path } of files) {
    if (paths.has(path)) throw new Error(`Two deliverables write ${path}.`);
    paths.add(path);
  }
  files.push(devopsChallengeZip(files));
  files.push(manifest(files));
  return files;
}
