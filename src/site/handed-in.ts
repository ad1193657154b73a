import type { AnyDeliverable } from '../deliverables/index.ts';
import type { ExportFile } from '../export/types.ts';
import { byteSize } from '../export/manifest.ts';
import type { Lang } from '../lib/i18n.ts';
import { siteRuntime } from './runtime.ts';

/** A file handed in, as a page links to it. */
export interface OfferedFile {
  /** Its path in `submission/`. */
  path: string;
  /** Its URL on this site, under the base. */
  href: string;
  /** The name a download saves it under. */
  name: string;
  bytes: number;
}

const readable = /\.(md|png|svg|txt)$/;

/**
 * What a deliverable's page offers: each file it declares in `exports`; for a folder (Part 1's
 * project), the files a reviewer reads first (its README and images at the top of the folder),
 * since the zip declared beside it holds the whole folder.
 */
function declared(deliverable: AnyDeliverable, file: ExportFile): boolean {
  return deliverable.exports.some((entry) =>
    entry.endsWith('/')
      ? file.path.startsWith(entry) &&
        !file.path.slice(entry.length).includes('/') &&
        readable.test(file.path)
      : file.path === entry,
  );
}

function offered(file: ExportFile, base: string): OfferedFile {
  const root = base.endsWith('/') ? base : `${base}/`;
  return {
    path: file.path,
    href: `${root}submission/${file.path}`,
    name: file.path.slice(file.path.lastIndexOf('/') + 1),
    bytes: byteSize(file.contents),
  };
}

/** The files a deliverable's page offers, in the order its module declares them. */
export async function offeredFiles(
  deliverable: AnyDeliverable,
  base: string,
): Promise<OfferedFile[]> {
  const files = (await siteRuntime().handedIn()).filter((file) => declared(deliverable, file));
  const order = (path: string) =>
    deliverable.exports.findIndex((entry) => path === entry || path.startsWith(entry));
  for (const entry of deliverable.exports) {
    if (!files.some((file) => file.path === entry || file.path.startsWith(entry))) {
      throw new Error(
        `${deliverable.id} declares ${entry} in its exports, and its files() hands in no such file: correct src/deliverables/${deliverable.id}.ts.`,
      );
    }
  }
  // A folder's README first: it says what the rest is.
  const readmeFirst = (path: string) => (path.endsWith('/README.md') ? 0 : 1);
  return files
    .sort(
      (a, b) =>
        order(a.path) - order(b.path) ||
        readmeFirst(a.path) - readmeFirst(b.path) ||
        a.path.localeCompare(b.path),
    )
    .map((file) => offered(file, base));
}

/** Every file handed in, `MANIFEST.md` first, then in the manifest's order. */
export async function allOfferedFiles(base: string): Promise<OfferedFile[]> {
  const files = [...(await siteRuntime().handedIn())].sort(
    (a, b) =>
      Number(b.path === 'MANIFEST.md') - Number(a.path === 'MANIFEST.md') ||
      a.path.localeCompare(b.path),
  );
  return files.map((file) => offered(file, base));
}

/** A file's size as a reader takes it in: bytes under a kilobyte, else kB or MB, in `lang`. */
export function formatSize(bytes: number, lang: Lang): string {
  if (bytes < 1000) return `${bytes} B`;
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kB'] : [bytes / 1_000_000, 'MB'];
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}
