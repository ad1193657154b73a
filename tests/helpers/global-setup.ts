import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildLock, exportHoldingBuildLock } from './build-lock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site the export builds for its PDFs, kept: what every browser test serves. */
    siteDir: string;
    /** What that one `npm run export` writes. */
    submissionDir: string;
    /** Written when the export has ended: how it ended and what it printed (see shared-export.ts). */
    exportRunFile: string;
    /** Written when the export's site build has ended, or the export has, if sooner. */
    siteBuiltFile: string;
  }
}

/**
 * One full `npm run export`, as a person runs it, for the whole run: the tests that read the
 * submission or the site it built for its PDFs assert on these, and nothing builds them again.
 * It runs while the first test files do: those that read it wait for it (helpers/shared-export.ts),
 * and it holds the build lock, as a test's own build does, until its site is built.
 */
export default async function setup(project: TestProject) {
  // A run stopped in the middle of a build leaves its lock behind.
  await rm(buildLock(), { recursive: true, force: true });
  await mkdir(buildLock());
  const dir = await mkdtemp(join(tmpdir(), 'submission-kit-suite-'));
  const submissionDir = join(dir, 'submission');
  const siteDir = join(dir, 'site');
  const exportRunFile = join(dir, 'export-run.json');
  const siteBuiltFile = join(dir, 'site-built.json');
  const onBuilt = async (seen: boolean) => {
    await writeFile(`${siteBuiltFile}.part`, JSON.stringify({ seen }));
    await rename(`${siteBuiltFile}.part`, siteBuiltFile);
  };
  const exported = exportHoldingBuildLock(['--out', submissionDir], siteDir, {
    held: true,
    onBuilt,
  })
    .catch((error: unknown) => ({ code: null, stdout: '', stderr: String(error) }))
    .then(async (exportRun) => {
      // Renamed into place, so a test never reads half of it.
      await writeFile(`${exportRunFile}.part`, JSON.stringify(exportRun));
      await rename(`${exportRunFile}.part`, exportRunFile);
    });
  project.provide('siteDir', siteDir);
  project.provide('submissionDir', submissionDir);
  project.provide('exportRunFile', exportRunFile);
  project.provide('siteBuiltFile', siteBuiltFile);
  return async () => {
    await exported;
    await rm(dir, { recursive: true, force: true });
    await rm(buildLock(), { recursive: true, force: true });
  };
}
