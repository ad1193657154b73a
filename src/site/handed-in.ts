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
 * Where the site serves a file handed in, under `/submission/`: its path in `submission/`, but
 * that a folder or file whose name starts with a dot (`.github/`, `.gitignore`) is served as
 * `dot-github/`, `dot-gitignore`. GitHub Pages' upload action leaves `.github` out of the site,
 * and newer versions every hidden file; the `download` attribute keeps the real name.
 */
export function servedPath(path: string): string {
  return path
    .split('/')
    .map((segment) => segment.replace(/^\./, 'dot-'))
    .join('/');
}

/**
 * Whether a deliverable's page offers `file`: a file it writes, or one it declares in `exports`
 * beside its own (the DevOps zip). Of a folder it declares (Part 1's project), only what a
 * reviewer reads first, its README and images at the folder's top: the zip holds the rest.
 */
function offers(deliverable: AnyDeliverable, file: ExportFile): boolean {
  const folder = deliverable.exports.find(
    (entry) => entry.endsWith('/') && file.path.startsWith(entry),
  );
  if (folder) return !file.path.slice(folder.length).includes('/') && readable.test(file.path);
  return file.deliverable === deliverable.id || deliverable.exports.includes(file.path);
}

/** `base` is Astro's `BASE_URL`, which ends in `/` under `trailingSlash: 'always'`. */
function offered(file: ExportFile, base: string): OfferedFile {
  return {
    path: file.path,
    href: `${base}submission/${servedPath(file.path)}`,
    name: file.path.slice(file.path.lastIndexOf('/') + 1),
    bytes: byteSize(file.contents),
  };
}

/** The files a deliverable's page offers: its own, then what it declares beside them. */
export async function offeredFiles(
  deliverable: AnyDeliverable,
  base: string,
): Promise<OfferedFile[]> {
  const files = (await siteRuntime().handedIn()).filter((file) => offers(deliverable, file));
  // A README first, as it says what the rest is; then in the order of `exports`, what it does not
  // declare (Part 2's optional original) after, and what is not its own (the zip) last.
  const declaredAt = (path: string) => {
    const at = deliverable.exports.findIndex((entry) => path.startsWith(entry));
    return at === -1 ? deliverable.exports.length : at;
  };
  const rank = (file: ExportFile) =>
    file.deliverable !== deliverable.id
      ? deliverable.exports.length + 1
      : file.path.endsWith('/README.md')
        ? -1
        : declaredAt(file.path);
  return files
    .sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path))
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
