import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config.ts';
import { runExport } from '../../src/export/run-export.ts';
import { BrowserSession } from '../../src/lib/browser-session.ts';
import type { Lang } from '../../src/lib/i18n.ts';
import { root } from './root.ts';

interface InProcessExport {
  out: string;
  content?: string;
  diagrams?: string;
  lang?: Lang;
}

/**
 * The export without its PDFs, in this process: what `npm run export -- --no-pdf` does between
 * reading its flags and printing, in a browser session this call owns and closes.
 */
export async function exportWithoutPdfs({ out, content, diagrams, lang = 'en' }: InProcessExport) {
  const config = resolveConfig(
    {},
    {
      contentDir: content ?? join(root, 'content'),
      diagramsDir: diagrams ?? join(root, 'diagrams'),
      exportLang: lang,
    },
    { root, argv: [] },
  );
  const session = new BrowserSession();
  try {
    return await runExport({ config, session, outDir: out, pdf: false });
  } finally {
    await session.close();
  }
}

/** Every file under `dir`, by its path relative to it. */
export async function tree(dir: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if ((await stat(path)).isFile()) files[entry] = await readFile(path);
  }
  return files;
}
