import type { KitConfig } from '../config.ts';
import { loadContent } from '../content/load.ts';
import type { DeliverableFile } from '../deliverables/define.ts';
import type { BrowserSession } from '../lib/browser-session.ts';
import { ChecklistError } from '../deliverables/brief-checklist.ts';
import { DiagramRenderer } from '../lib/diagrams/render.ts';
import { handedInFiles } from './handed-in.ts';
import { sitePdfs } from './site-pdfs.ts';
import { writeAtomically } from './write-atomically.ts';

interface ExportOptions {
  config: KitConfig;
  /** The browser the command owns, lent to the diagram renderer and the PDF printer. */
  session: BrowserSession;
  outDir: string;
  /** Also print every deliverable page to `pdf/` (builds the site: a few seconds more). */
  pdf?: boolean;
  /** Where the site built for the PDFs is kept; a throwaway folder when not given. */
  siteDir?: string;
}

/**
 * Loads and checks the content and the briefs, computes the files handed in (every deliverable's,
 * the DevOps zip, the manifest) and the PDFs, and writes them all or none.
 */
export async function runExport(options: ExportOptions) {
  const { config, session } = options;
  // Checked first, so a submission that misses the brief fails before any work and never lands.
  const content = await loadContent(config);
  const checklist = content.flatMap((loaded) => loaded.checklist);
  const failing = checklist.filter((r) => !r.holds);
  if (failing.length > 0) throw new ChecklistError(failing);

  const renderer = new DiagramRenderer({ session, cacheDir: config.diagramCacheDir });
  let files: DeliverableFile[];
  try {
    files = await handedInFiles(content, config, renderer);
  } finally {
    await renderer.close();
  }
  // Built after the files above, so the build's own `handedInFiles` (the site offers every file
  // for download) reads each diagram from the cache they just filled: nothing renders twice.
  if (options.pdf) files.push(...(await sitePdfs(config, session, options.siteDir)));
  await writeAtomically(options.outDir, files);
  return { files, checklist };
}
