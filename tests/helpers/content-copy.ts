import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './root.ts';
import { tempDir } from './temp.ts';

/** A throwaway copy of `content/`, so a test can break a file without touching the real one. */
export async function copyContent(): Promise<string> {
  const dir = await tempDir('content');
  await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
  return join(dir, 'content');
}

/** A throwaway copy of `diagrams/`, likewise. */
export async function copyDiagrams(): Promise<string> {
  const dir = await tempDir('diagrams');
  await cp(join(root, 'diagrams'), join(dir, 'diagrams'), { recursive: true });
  return join(dir, 'diagrams');
}

/** Replaces the first `from` in a file with `to`, and fails loudly when `from` is not there. */
export async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no “${from}” to replace`);
  await writeFile(file, text.replace(from, to));
}
