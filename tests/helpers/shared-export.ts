import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { Run } from '../../src/lib/run-command.ts';

/**
 * The one full export of this run (see global-setup.ts), once it has ended: what it wrote, the
 * site it built for its PDFs, and what it printed. Fails the file if the export failed.
 */
export async function sharedExport() {
  const file = inject('exportRunFile');
  let exportRun: Run | undefined;
  while (!exportRun) {
    try {
      exportRun = JSON.parse(await readFile(file, 'utf8')) as Run;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await sleep(200);
    }
  }
  if (exportRun.code !== 0) {
    throw new Error(`npm run export failed:\n${exportRun.stdout}${exportRun.stderr}`);
  }
  return { siteDir: inject('siteDir'), submissionDir: inject('submissionDir'), exportRun };
}
