import { zipSync, type Zippable } from 'fflate';
import { toBytes } from '../lib/to-bytes.ts';
import type { ExportFile } from './types.ts';

const devopsZipPath = 'devops/devops-challenge.zip';
const folders = ['part-1/', 'part-2/'];
/** Beside the parts, at the repository's root: Part 1's GitHub workflow. */
const rootFolders = ['.github/'];
// A fixed local time, so the same files give the same bytes in every time zone.
const mtime = new Date(2026, 0, 1);

/**
 * `devops/devops-challenge.zip`: `part-1/`, `part-2/` and `.github/` at its root, the layout the DevOps
 * challenge's repository asks for, built from the files the export already computed.
 */
export function devopsChallengeZip(files: readonly ExportFile[]): ExportFile {
  const entries: Zippable = {};
  for (const { path, contents } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const inZip = path.replace(/^devops\//, '');
    if (![...folders, ...rootFolders].some((folder) => inZip.startsWith(folder))) continue;
    entries[inZip] = [toBytes(contents), { os: 3, attrs: 0o100644 << 16 }];
  }
  for (const folder of folders) {
    if (!Object.keys(entries).some((path) => path.startsWith(folder))) {
      throw new Error(
        `The DevOps zip needs ${folder}, and the export wrote nothing under devops/${folder}.`,
      );
    }
  }
  return {
    path: devopsZipPath,
    contents: zipSync(entries, { level: 9, mtime }),
    brief: 'DevOps Engineer challenge — Parts 1 and 2, as one archive',
  };
}
