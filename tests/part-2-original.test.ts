import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/lib/browser.ts';
import { astroBuild } from '../src/lib/astro-build.ts';
import { copyContent } from './helpers/content-copy.ts';
import { axeViolations } from '../src/audit/page-checks.ts';
import { serve, type StaticServer } from '../src/audit/static-server.ts';
import { tempDir } from './helpers/temp.ts';

let browser: Browser;
let server: StaticServer;

/** Builds the site once more, with a stand-in for the challenge's diagram.png in place. */
beforeAll(async () => {
  browser = await launchBrowser();
  const shot = await browser.newPage();
  await shot.setViewport({ width: 400, height: 200 });
  await shot.setContent('<p style="font:40px sans-serif">original diagram</p>');
  const png = await shot.screenshot({ type: 'png' });
  await shot.close();
  const content = await copyContent();
  await writeFile(join(content, 'devops', 'part-2', 'diagram.png'), png);
  const dir = await tempDir('part-2');
  const build = await astroBuild(join(dir, 'dist'), {
    KIT_CONTENT_DIR: content,
    KIT_CACHE_DIR: join(dir, 'cache'),
  });
  if (build.code !== 0) throw new Error(build.output);
  server = await serve(join(dir, 'dist'));
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

describe('Part 2 with the challenge’s original diagram', () => {
  it('shows it beside the redrawn one, loaded, with no note about it missing', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/devops/part-2/`, { waitUntil: 'load' });
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
    await page.close();
  });
});
