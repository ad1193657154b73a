import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DeliverableFile } from '../deliverables/define.ts';

/**
 * Writes every file into a fresh folder beside `outDir`, then swaps it in for `outDir`. A failure
 * anywhere before the swap leaves the previous `outDir` exactly as it was.
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
  try {
    for (const file of files) {
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    await rename(outDir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}
