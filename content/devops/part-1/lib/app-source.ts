import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AppSource {
  /** Each file of app/, sorted by name, gzipped then base64-encoded (no line breaks). */
  files: { path: string; gzipBase64: string }[];
  /** The image tag: a hash of every file's name and bytes, so it changes when app/ does. */
  tag: string;
}

/**
 * app/ as the CodeBuild project carries it in the template. Deterministic: gzip here writes no
 * name and no time, so the same files always give the same template.
 */
export function appSource(dir: string): AppSource {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.pyc'))
    .map((entry) => entry.name)
    .sort()
    .map((path) => {
      const bytes = readFileSync(join(dir, path));
      hash.update(`${path}\0${bytes.length}\0`).update(bytes);
      return { path, gzipBase64: gzipSync(bytes, { level: 9 }).toString('base64') };
    });
  return { files, tag: hash.digest('hex').slice(0, 16) };
}
