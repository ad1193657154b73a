import type { KitConfig } from '../config.ts';
import { loadContent } from '../content/load.ts';
import type { BrowserSession } from '../lib/browser-session.ts';
import { ChecklistError } from '../lib/brief-checklist.ts';
import { DiagramRenderer } from '../lib/diagrams/render.ts';
import type { Lang } from '../lib/i18n.ts';
import { devopsChallengeZip } from './devops-challenge-zip.ts';
import { manifest } from './manifest.ts';
import { sitePdfs } from './site-pdfs.ts';
import type { ExportFile } from './types.ts';
import { writeAtomically } from './write-atomically.ts';

interface ExportOptions {
  config: KitConfig;
  /** The browser the command owns, lent to the diagram renderer and the PDF printer. */
  session: BrowserSession;
  outDir: string;
  /** The language of the files handed in under their plain names; the other gets a suffix. */
  lang: Lang;
  /** Also print every deliverable page to `pdf/` (builds the site: a few seconds more). */
  pdf?: boolean;
  /** Where the site built for the PDFs is kept; a throwaway folder when not given. */
  siteDir?: string;
}

/**
 * Loads and checks the content and the briefs, computes every deliverable's files and the PDFs,
 * adds the DevOps zip and the manifest, and writes them all or none.
 */
export async function runExport(options: ExportOptions) {
  const { config, session, lang } = options;
  // Checked first, so a submission that misses the brief fails before any work and never lands.
  const content = await loadContent(config);
  const checklist = content.flatMap((loaded) => loaded.checklist);
  const failing = checklist.filter((r) => !r.holds);
  if (failing.length > 0) throw new ChecklistError(failing);

  const files: ExportFile[] = [];
  const renderer = new DiagramRenderer({ session, cacheDir: config.diagramCacheDir });
  try {
    for (const { deliverable, pages } of content) {
      const context = { diagramsDir: config.diagramsDir, renderer, lang };
      const written = await deliverable.files(pages as never, context);
      files.push(...written.map((file) => ({ ...file, brief: deliverable.answers })));
    }
  } finally {
    await renderer.close();
  }
  if (options.pdf) files.push(...(await sitePdfs(config, session, options.siteDir)));
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
