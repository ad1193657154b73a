import { readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { DeliverableFile } from '../deliverables/define.ts';
import { interruptionLeaves, uninterruptible } from '../lib/command.ts';
import { isAlive, removeOnExit } from '../lib/leftovers.ts';

/**
 * What a killed export left beside `outDir`: its `.new-<pid>-<time>` folder (half written) and,
 * if it died between its two renames, its `.old-…` folder, which is then the last whole output
 * and goes back in place. Folders of an export still running are left to it.
 */
function recoverFromKilledExports(outDir: string): void {
  const parent = dirname(outDir);
  const leftover = new RegExp(`^${RegExp.escape(basename(outDir))}\\.(new|old)-(\\d+)-\\d+$`);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const [, kind, pid] = leftover.exec(name) ?? [];
    if (!pid || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    const path = join(parent, name);
    try {
      if (kind === 'old') renameSync(path, outDir);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // outDir is there, so this older output is not needed.
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * Writes every file into a fresh folder beside `outDir`, then swaps it in for `outDir`. A failure
 * or an interruption anywhere before the swap leaves the previous `outDir` exactly as it was; an
 * interruption during the swap waits for it to end.
 */
export async function writeAtomically(
  outDir: string,
  files: readonly DeliverableFile[],
): Promise<void> {
  const parent = dirname(outDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `${basename(outDir)}.new-${stamp}`);
  const previous = join(parent, `${basename(outDir)}.old-${stamp}`);
  await mkdir(parent, { recursive: true });
  recoverFromKilledExports(outDir);
  const forgetStaging = removeOnExit(staging);
  try {
    for (const file of files) {
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    await uninterruptible(async () => {
      await rename(outDir, previous).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(staging, outDir).catch(async (error: unknown) => {
        await rename(previous, outDir).catch(() => {});
        throw error;
      });
      removeOnExit(previous);
      interruptionLeaves(`${relative(process.cwd(), outDir) || '.'}/ holds the new export, whole.`);
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    forgetStaging();
  }
  await rm(previous, { recursive: true, force: true });
}
