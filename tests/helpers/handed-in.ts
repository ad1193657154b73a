import type { Page } from 'puppeteer';

/** One row of `MANIFEST.md`. */
export interface ManifestRow {
  path: string;
  bytes: number;
  sha256: string;
}

/** The rows of a `MANIFEST.md`, by path. */
export function manifestRows(manifest: string): Map<string, ManifestRow> {
  const rows = new Map<string, ManifestRow>();
  for (const [, path, bytes, sha256] of manifest.matchAll(
    /^\| `([^`]+)` \| (\d+) \| `([0-9a-f]{64})` \|/gm,
  )) {
    rows.set(path!, { path: path!, bytes: Number(bytes), sha256: sha256! });
  }
  return rows;
}

/** A download link to a file handed in, as a page shows it. */
export interface OfferedLink {
  href: string;
  download: string | null;
  type: string | null;
  /** The path in `submission/` the link names. */
  path: string;
  /** The exact size the link states, from its `<data value>`. */
  bytes: number;
}

/** The download links of a page's `ul.files` lists, under `scope` (a CSS selector). */
export function offeredLinks(page: Page, scope: string): Promise<OfferedLink[]> {
  return page.$$eval(`${scope} ul.files > li`, (items) =>
    items.map((li) => {
      const a = li.querySelector('a')!;
      return {
        href: a.href,
        download: a.getAttribute('download'),
        type: a.getAttribute('type'),
        path: a.textContent!.trim(),
        bytes: Number(li.querySelector('data')?.getAttribute('value')),
      };
    }),
  );
}

/** What a host must serve each kind of file handed in as. */
export const expectedTypes: Record<string, RegExp> = {
  png: /^image\/png$/,
  svg: /^image\/svg\+xml$/,
  md: /^text\/markdown; charset=utf-8$/,
  txt: /^text\/plain; charset=utf-8$/,
  zip: /^application\/zip$/,
};
