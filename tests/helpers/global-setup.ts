import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { run, type Run } from '../../src/lib/run-command.ts';
import { buildLock } from './build-lock.ts';
import { root } from './root.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site the export built for its PDFs, kept: what every browser test serves. */
    siteDir: string;
    /** What that one `npm run export` wrote. */
    submissionDir: string;
    /** What it printed, and how it ended. */
    exportRun: Run;
  }
}

/**
 * One full `npm run export`, as a person runs it, for the whole run: the tests that read the
 * submission or the site it built for its PDFs assert on these, and nothing builds them again.
 */
export default async function setup(project: TestProject) {
  // A run stopped in the middle of a build leaves its lock behind.
  await rm(buildLock(), { recursive: true, force: true });
  const dir = await mkdtemp(join(tmpdir(), 'submission-kit-suite-'));
  const submissionDir = join(dir, 'submission');
  const siteDir = join(dir, 'site');
  const exportRun = await run(
    process.execPath,
    ['scripts/export.ts', '--out', submissionDir, '--site', siteDir],
    { cwd: root },
  );
  if (exportRun.code !== 0) {
    throw new Error(`npm run export failed:\n${exportRun.stdout}${exportRun.stderr}`);
  }
  project.provide('siteDir', siteDir);
  project.provide('submissionDir', submissionDir);
  project.provide('exportRun', exportRun);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(buildLock(), { recursive: true, force: true });
  };
}
