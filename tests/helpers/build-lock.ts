import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Held while a test runs an Astro build or dev server; removed by the global setup too. */
export const buildLock = () => join(tmpdir(), 'submission-kit-build.lock');

/**
 * Runs `work`, an Astro build or dev server, when no other test file is running one. Astro keeps a
 * build's content modules in the project's own `.astro/` whatever content it builds, so two builds
 * at once, in test files that run side by side, would read each other's.
 */
export async function oneBuildAtATime<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(buildLock());
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(buildLock(), { recursive: true, force: true });
  }
}
