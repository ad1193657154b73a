import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { toBytes } from '../to-bytes.ts';

/**
 * Rendered files kept between runs, named by the hash of everything that made them: an unchanged
 * diagram is read back and launches no browser.
 */
export class DiagramCache {
  readonly #dir: string;
  /** Renders under way, by file: the same file asked for twice at once renders once. */
  readonly #pending = new Map<string, Promise<Uint8Array>>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The bytes cached under `key`, or `render`'s, kept for next time. */
  get(
    key: object,
    extension: string,
    render: () => Promise<string | Uint8Array>,
  ): Promise<Uint8Array> {
    const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex');
    const path = join(this.#dir, `${hash}.${extension}`);
    let pending = this.#pending.get(path);
    if (!pending) {
      pending = this.#read(path, render).finally(() => this.#pending.delete(path));
      this.#pending.set(path, pending);
    }
    return pending;
  }

  async #read(path: string, render: () => Promise<string | Uint8Array>): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(path));
    } catch {
      const bytes = toBytes(await render());
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves half a file for the next run to trust.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
      return bytes;
    }
  }
}
