import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../src/lib/browser.ts';
import { axeViolations, openPage } from '../src/audit/page-checks.ts';
import { serve, type StaticServer } from '../src/lib/static-server.ts';

const fakeMicrophone = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

let server: StaticServer;
let browser: Browser;
// Recording starts PulseAudio's client, which makes a folder in the temp folder unless told where.
const strays = () => readdirSync(tmpdir()).filter((name) => /^(org\.chromium\.|pulse-)/.test(name));
const straysBefore = strays();

beforeAll(async () => {
  [server, browser] = await Promise.all([
    serve(inject('siteDir')),
    launchBrowser({ args: fakeMicrophone }),
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
  expect(strays(), 'left in the temp folder').toEqual(straysBefore);
});

const cspViolations = new WeakMap<Page, () => Promise<string[]>>();

async function open(on: Browser = browser): Promise<Page> {
  const { page, cspViolations: violations } = await openPage(on, `${server.origin}/english/`);
  cspViolations.set(page, violations);
  return page;
}

const status = (page: Page) => page.$eval('[data-status]', (el) => el.textContent ?? '');

async function recorded(page: Page) {
  await page.waitForSelector('[data-result]:not([hidden])', { timeout: 15_000 });
  return page.evaluate(async () => {
    // The page's CSP allows no fetch of its blob: URL, so the page reports the file it offers.
    const link = document.querySelector<HTMLAnchorElement>('[data-download]')!;
    return {
      download: link.download,
      size: Number(document.querySelector<HTMLElement>('[data-size]')!.dataset.bytes),
      type: link.type,
      seconds: Number(document.querySelector<HTMLElement>('[data-duration]')!.dataset.seconds),
    };
  });
}

describe('the recorder', () => {
  it('is ready with JavaScript, and axe finds nothing', async () => {
    const page = await open();
    expect(await page.$eval('[data-recorder]', (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('[data-needs-js]', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('records about 3 s from the keyboard and offers it for download', async () => {
    const page = await open();
    await page.focus('[data-prompter]');
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('[data-toggle]')?.textContent === 'Stop recording',
    );
    expect(await status(page)).toMatch(/^Recording/);
    expect(await axeViolations(page)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await page.keyboard.press('Space');
    const result = await recorded(page);
    expect(result.download).toMatch(/^learning-resources\.(webm|ogg|m4a)$/);
    expect(result.type).toMatch(/^audio\//);
    expect(result.size).toBeGreaterThan(1000);
    expect(result.seconds).toBeGreaterThan(2.5);
    expect(result.seconds).toBeLessThan(4.5);
    expect(await status(page)).toMatch(/Recorded \d+\.\d seconds/);
    expect(await axeViolations(page)).toEqual([]);
    // Recorded, decoded and offered for playback under the page's CSP, with nothing blocked.
    expect(await cspViolations.get(page)!()).toEqual([]);
    await page.close();
  });

  it('stops by itself at the time limit', async () => {
    const page = await open();
    // The page's limit is 60 s; a test shortens it on the element rather than wait a minute.
    await page.$eval('[data-recorder]', (el) => ((el as HTMLElement).dataset.limit = '2'));
    await page.click('[data-toggle]');
    const result = await recorded(page);
    expect(result.seconds).toBeGreaterThan(1.5);
    expect(result.seconds).toBeLessThan(3);
    expect(await status(page)).toMatch(/time limit was reached/);
    await page.close();
  });

  it('says so when microphone permission is denied', async () => {
    const denying = await launchBrowser({
      args: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'],
    });
    try {
      const page = await open(denying);
      await page.click('[data-toggle]');
      await page.waitForFunction(() =>
        /permission was denied/.test(document.querySelector('[data-status]')?.textContent ?? ''),
      );
      expect(await page.$eval('[data-result]', (el) => (el as HTMLElement).hidden)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await denying.close();
    }
  });

  it('without JavaScript, shows the script and says that recording needs it', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${server.origin}/english/`);
    expect(await page.$eval('[data-prompter]', (el) => el.textContent ?? '')).toContain(
      'Diego Felipe',
    );
    expect(await page.$eval('[data-needs-js]', (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('[data-recorder]', (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.close();
  });
});
