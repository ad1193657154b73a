// A deployment under a sub-path (GitHub Pages serves a project at /<repository>/): every link,
// asset and canonical URL must carry the base, or the page breaks there and only there. The same
// build has the challenge's original Part 2 diagram in its content, which the main build lacks.
// `.ci/pages-dry-run` points these checks at the site it built as the Pages workflow does, through
// SUB_PATH_SITE_DIR with the SITE_URL and SITE_BASE of that build: then nothing is built here.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, brokenLinks, Tabs } from '../src/audit/page-checks.ts';
import { configVariables as v } from '../src/config.ts';
import { deliverables } from '../src/deliverables/index.ts';
import { astroBuild } from '../src/lib/astro-build.ts';
import { launchBrowser } from '../src/lib/browser.ts';
import { builtPages } from '../src/lib/built-pages.ts';
import { languages } from '../src/lib/i18n.ts';
import { serve, type StaticServer } from '../src/lib/static-server.ts';
import { servedPath } from '../src/site/handed-in.ts';
import { oneBuildAtATime } from './helpers/build-lock.ts';
import { copyContent } from './helpers/content-copy.ts';
import { expectedTypes, offeredLinks, type OfferedLink } from './helpers/handed-in.ts';
import { tempDir } from './helpers/temp.ts';

const built = process.env.SUB_PATH_SITE_DIR;
const base = built ? process.env[v.siteBase]! : '/submission-kit/';
const site = built ? process.env[v.siteUrl]! : 'https://candidate.github.io';
/** A home per language and a page per deliverable and language. */
const pageCount = languages.length + deliverables.reduce((n, d) => n + d.languages.length, 0);
let siteDir: string;
let server: StaticServer;
let browser: Browser;
let tabs: Tabs;
/** The stand-in for the challenge's diagram.png. */
let png: Uint8Array;

/** What one load of a page under the base showed: each test below reads it, none loads it again. */
interface Seen {
  path: string;
  status: number | undefined;
  outside: string[];
  failed: string[];
  brokenLinks: string[];
  /** Every `href` and `src` of its links, stylesheets, images and scripts. */
  hrefs: string[];
  /** The files it offers in its text, and beside its brief. */
  offered: OfferedLink[];
  offeredBesideBrief: OfferedLink[];
}
let seen: Seen[];

beforeAll(async () => {
  browser = await launchBrowser();
  if (built) siteDir = built;
  else await buildWithOriginalDiagram();
  server = await serve(siteDir, base);
  tabs = new Tabs(browser);
  seen = [];
  for (const path of await builtPages(siteDir)) {
    const { page, status, outside, failed, done } = await tabs.visit(
      `${server.origin}${base}${path.slice(1)}`,
    );
    seen.push({
      path,
      status,
      outside,
      failed,
      brokenLinks: await brokenLinks(page),
      hrefs: await page.$$eval('a[href], link[href], img[src], script[src]', (elements) =>
        elements.map((e) => e.getAttribute('href') ?? e.getAttribute('src')!),
      ),
      offered: await offeredLinks(page, 'main'),
      offeredBesideBrief: await offeredLinks(page, '.brief'),
    });
    await done();
  }
});

/** Builds the site under the base, with a stand-in for the challenge's diagram.png. */
async function buildWithOriginalDiagram() {
  // A stand-in for the challenge's diagram.png, drawn so its size is known.
  const shot = await browser.newPage();
  await shot.setViewport({ width: 400, height: 200 });
  await shot.setContent('<p style="font:40px sans-serif">original diagram</p>');
  png = await shot.screenshot({ type: 'png' });
  await shot.close();
  const content = await copyContent();
  await writeFile(join(content, 'devops', 'part-2', 'diagram.png'), png);
  const dir = await tempDir('base');
  siteDir = join(dir, 'dist');
  const { code, output } = await oneBuildAtATime(() =>
    astroBuild(siteDir, {
      [v.siteUrl]: site,
      [v.siteBase]: base,
      [v.contentDir]: content,
      [v.astroCacheDir]: join(dir, 'cache'),
      // The build renders its diagrams in this test's browser instead of launching another.
      [v.browserEndpoint]: browser.wsEndpoint(),
    }),
  );
  if (code !== 0) throw new Error(output);
}

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

describe(`the site built for ${base}`, () => {
  it('has every page, and each loads everything from under the base', () => {
    expect(seen).toHaveLength(pageCount);
    for (const { path, status, outside, failed, brokenLinks, hrefs } of seen) {
      expect(status, path).toBe(200);
      expect(outside, path).toEqual([]);
      expect(failed, path).toEqual([]);
      expect(brokenLinks, path).toEqual([]);
      for (const href of hrefs.filter((h) => h.startsWith('/'))) {
        expect(href, `${path} links to ${href}`).toMatch(new RegExp(`^${base}`));
      }
    }
  });

  it('offers the files handed in under the base, each downloading with its type', async () => {
    const offered = new Map<string, string>();
    for (const page of seen) for (const link of page.offered) offered.set(link.path, link.href);
    expect(offered.has('MANIFEST.md')).toBe(true);
    expect(offered.size).toBeGreaterThan(deliverables.length);
    for (const [path, href] of offered) {
      expect(new URL(href).pathname).toBe(`${base}submission/${servedPath(path)}`);
      const response = await fetch(href);
      expect(response.status, href).toBe(200);
      const extension = /\.(\w+)$/.exec(path)?.[1] ?? '';
      if (expectedTypes[extension]) {
        expect(response.headers.get('content-type'), href).toMatch(expectedTypes[extension]);
      }
    }
    if (built) return;
    // The challenge's own image is handed in with Part 2 when he has it, and offered there.
    const links = seen.find(({ path }) => path === '/devops/part-2/')!.offeredBesideBrief;
    const original = links.find((link) => link.path === 'devops/part-2/diagram.png');
    expect(original?.download).toBe('diagram.png');
    const bytes = new Uint8Array(await (await fetch(original!.href)).arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true);
    const manifest = await (await fetch(offered.get('MANIFEST.md')!)).text();
    expect(manifest).toContain('| `devops/part-2/diagram.png` |');
  });

  it('gives canonical URLs and a sitemap on the configured site, under the base', async () => {
    const html = await readFile(join(siteDir, 'devops', 'part-1', 'index.html'), 'utf8');
    expect(html).toContain(`<link rel="canonical" href="${site}${base}devops/part-1/">`);
    const sitemap = await readFile(join(siteDir, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toHaveLength(pageCount);
    for (const loc of locs) expect(loc.startsWith(`${site}${base}`), loc).toBe(true);
  });
});

describe.skipIf(built)('Part 2 with the challenge’s original diagram', () => {
  it('shows it beside the redrawn one, loaded, with no note about it missing', async () => {
    const { page, done } = await tabs.visit(`${server.origin}${base}devops/part-2/`);
    await page.$eval('figure.original img', (img) => (img as HTMLImageElement).decode());
    const image = await page.$eval('figure.original img', (img) => ({
      width: (img as HTMLImageElement).naturalWidth,
      alt: img.getAttribute('alt'),
    }));
    expect(image.width).toBe(400);
    expect(image.alt).toMatch(/original diagram/);
    expect(await page.$('[data-original-missing]')).toBeNull();
    expect(await page.$$eval('figure.diagram', (f) => f.length)).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await done();
  });
});
