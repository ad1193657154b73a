import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processesUsing } from '../../src/lib/processes-using.ts';
import type { Run } from '../../src/lib/run-command.ts';
import { runScript } from './run-script.ts';

/** Held while a test runs an Astro build or dev server; removed by the global setup too. */
export const buildLock = () => join(tmpdir(), 'submission-kit-build.lock');

async function takeBuildLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(buildLock());
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(200);
    }
  }
}

const releaseBuildLock = () => rm(buildLock(), { recursive: true, force: true });

/**
 * Runs `work`, an Astro build or dev server, when no other test file is running one. Astro keeps a
 * build's content modules in the project's own `.astro/` whatever content it builds, so two builds
 * at once, in test files that run side by side, would read each other's.
 */
export async function oneBuildAtATime<T>(work: () => Promise<T>): Promise<T> {
  await takeBuildLock();
  try {
    return await work();
  } finally {
    await releaseBuildLock();
  }
}

/**
 * Whether some process is an `astro build` into `outDir` now, by its command line in /proc; never
 * where there is no /proc (macOS), and then the lock is held until the export ends.
 */
const buildingInto = (outDir: string): boolean =>
  processesUsing(`\0build\0--outDir\0${outDir}\0`).length > 0;

/**
 * `npm run export` with `args`, keeping the site it builds for its PDFs in `siteDir`, holding the
 * build lock from its start until that build has ended rather than until the export has: printing
 * the PDFs from the built site and writing the files, which take about as long again, touch nothing
 * of Astro's, and the next file's build runs meanwhile. With `held`, the caller has taken the lock;
 * `onBuilt` is called as it is released, with whether the build was seen to end.
 */
export async function exportHoldingBuildLock(
  args: readonly string[],
  siteDir: string,
  {
    held = false,
    onBuilt = async () => undefined,
  }: { held?: boolean; onBuilt?: (seen: boolean) => Promise<void> } = {},
): Promise<Run> {
  if (!held) await takeBuildLock();
  let released = false;
  const release = async (seen: boolean) => {
    if (released) return;
    released = true;
    await releaseBuildLock();
    await onBuilt(seen);
  };
  let ended = false;
  const exported = runScript('export', [...args, '--site', siteDir]).finally(() => (ended = true));
  const watched = (async () => {
    // Held until the export ends if its build is never seen: it failed first, or built too fast.
    let seen = false;
    while (!ended) {
      const building = buildingInto(siteDir);
      if (seen && !building) break;
      seen ||= building;
      await sleep(100);
    }
    await release(seen);
  })();
  try {
    return await exported;
  } finally {
    await watched;
  }
}
