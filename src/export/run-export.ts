import { briefChecklist, ChecklistError, type Requirement } from '../lib/brief-checklist.ts';
import { DiagramRenderer } from '../lib/diagrams/render.ts';
import { devopsChallengeZip } from './devops-challenge-zip.ts';
import { deliverableExports } from './deliverables/index.ts';
import { manifest } from './manifest.ts';
import { sitePdfs } from './site-pdfs.ts';
import type { ExportContext, ExportFile } from './types.ts';
import { writeAtomically } from './write-atomically.ts';

export interface ExportOptions extends Omit<ExportContext, 'renderer'> {
  outDir: string;
  /** Where rendered diagrams are cached between runs. */
  cacheDir?: string;
  /** Also print every deliverable page to `pdf/` (builds the site: a few seconds more). */
  pdf?: boolean;
}

/**
 * Checks the briefs, computes every deliverable's files and the PDFs, adds the DevOps zip and the
 * manifest, and writes them all or none.
 */
export async function runExport(
  options: ExportOptions,
): Promise<{ files: ExportFile[]; checklist: Requirement[] }> {
  // Checked first, so a submission that misses the brief fails before any work and never lands.
  const checklist = await briefChecklist(options);
  const failing = checklist.filter((r) => !r.holds);
  if (failing.length > 0) throw new ChecklistError(failing);

  const files: ExportFile[] = [];
  const renderer = new DiagramRenderer(options.cacheDir ? { cacheDir: options.cacheDir } : {});
  try {
    for (const deliverable of deliverableExports) {
      files.push(...(await deliverable.files({ ...options, renderer })));
    }
    if (options.pdf) files.push(...(await sitePdfs({ ...options, renderer })));
  } finally {
    await renderer.close();
  }
  const paths = new Set<string>();
  for (const { path } of files) {
    if (paths.has(path)) throw new Error(`Two deliverables write ${path}.`);
    paths.add(path);
  }
  files.push(devopsChallengeZip(files));
  files.push(manifest(files));
  await writeAtomically(options.outDir, files);
  return { files, checklist };
}
