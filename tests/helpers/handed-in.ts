import type { Page } from 'puppeteer';

/** The SHA-256 a `MANIFEST.md` gives each file, by path. */
export function manifestHashes(manifest: string): Map<string, string> {
  return new Map(
    [...manifest.matchAll(/^\| `([^`]+)` \| \d+ \| `([0-9a-f]{64})` \|/gm)].map(
      ([, path, hash]) => [path!, hash!],
    ),
  );
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
