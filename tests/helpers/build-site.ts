import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { astroBuild } from '../../src/lib/astro-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site built once for every browser test file. */
    siteDir: string;
  }
}

/** Builds the site once for the whole run; the browser tests serve it. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'submission-kit-site-'));
  const siteDir = join(dir, 'dist');
  const { code, output } = await astroBuild(siteDir);
  if (code !== 0) throw new Error(`The site does not build:\n${output}`);
  project.provide('siteDir', siteDir);
  return () => rm(dir, { recursive: true, force: true });
}
