import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { Run } from '../../src/lib/run-command.ts';

/** The JSON in `file`, once it is there (the global setup renames each into place whole). */
async function whenWritten<T>(file: string): Promise<T> {
  for (;;) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await sleep(200);
    }
  }
}

/**
 * The one full export of this run (see global-setup.ts), once it has ended: what it wrote, the
 * site it built for its PDFs, and what it printed. Fails the file if the export failed.
 */
export async function sharedExport() {
  const exportRun = await whenWritten<Run>(inject('exportRunFile'));
  if (exportRun.code !== 0) {
    throw new Error(`npm run export failed:\n${exportRun.stdout}${exportRun.stderr}`);
  }
  return { siteDir: inject('siteDir'), submissionDir: inject('submissionDir'), exportRun };
}

/**
 * The site that export built for its PDFs, as soon as its build has ended: the export then prints
 * its PDFs from it, and changes nothing in it, nor in the diagram cache it filled before. A build
 * that did not end with its sitemap, or was not seen, waits for the export and fails as it does.
 */
export async function sharedSite(): Promise<{ siteDir: string }> {
  const siteDir = inject('siteDir');
  const { seen } = await whenWritten<{ seen: boolean }>(inject('siteBuiltFile'));
  if (seen && existsSync(join(siteDir, 'sitemap-index.xml'))) return { siteDir };
  return sharedExport();
}
