// A deployment under a sub-path (GitHub Pages serves a project at /<repository>/): every link,
// asset and canonical URL must carry the base, or the page breaks there and only there.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages } from '../src/audit/built-pages.ts';
import { brokenLinks, openPage } from '../src/audit/page-checks.ts';
import { serve, type StaticServer } from '../src/audit/static-server.ts';
import { launchBrowser } from '../src/lib/browser.ts';
import { astroBuild } from '../src/lib/astro-build.ts';
import { tempDir } from './helpers/temp.ts';

const base = '/submission-kit/';
const site = 'https://candidate.github.io';
let siteDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  siteDir = join(await tempDir('base'), 'dist');
  const { code, output } = await astroBuild(siteDir, {
    SITE_URL: site,
    SITE_BASE: base,
    KIT_CACHE_DIR: join(siteDir, '..', 'cache'),
  });
  if (code !== 0) throw new Error(output);
  [server, browser] = await Promise.all([serve(siteDir, base), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

describe(`the site built for ${base}`, () => {
  it('has every page, and each loads everything from under the base', async () => {
    const pages = await builtPages(siteDir);
    expect(pages).toHaveLength(9);
    for (const path of pages) {
      const url = `${server.origin}${base}${path.slice(1)}`;
      const { page, status, outside } = await openPage(browser, url);
      const failed: string[] = [];
      page.on('requestfinished', (request) => {
        const response = request.response();
        if (response && response.status() >= 400) failed.push(request.url());
      });
      await page.reload({ waitUntil: 'load' });
      expect(status, path).toBe(200);
      expect(outside, path).toEqual([]);
      expect(failed, path).toEqual([]);
      expect(await brokenLinks(page), path).toEqual([]);
      const hrefs = await page.$$eval('a[href], link[href], img[src], script[src]', (elements) =>
        elements.map((e) => e.getAttribute('href') ?? e.getAttribute('src')!),
      );
      for (const href of hrefs.filter((h) => h.startsWith('/'))) {
        expect(href, `${path} links to ${href}`).toMatch(new RegExp(`^${base}`));
      }
      await page.close();
    }
  });

  it('gives canonical URLs and a sitemap on the configured site, under the base', async () => {
    const html = await readFile(join(siteDir, 'devops', 'part-1', 'index.html'), 'utf8');
    expect(html).toContain(`<link rel="canonical" href="${site}${base}devops/part-1/">`);
    const sitemap = await readFile(join(siteDir, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toHaveLength(9);
    for (const loc of locs) expect(loc.startsWith(`${site}${base}`), loc).toBe(true);
  });
});
