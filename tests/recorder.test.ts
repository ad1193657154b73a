import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/lib/browser.ts';
import { contentSecurityPolicy } from '../src/site/csp.ts';
import { axeViolations, openPage } from '../src/audit/page-checks.ts';
import { serve, type StaticServer } from '../src/lib/static-server.ts';
import { sharedExport } from './helpers/shared-export.ts';
import { tempDir } from './helpers/temp.ts';
import { readWav } from './helpers/wav-header.ts';

// After the whole export, not its site alone: its takes are timed, and the PDFs it prints after
// building the site would take the CPU from under them.
const { siteDir } = await sharedExport();
const fakeMicrophone = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

let server: StaticServer;
let browser: Browser;
// Recording starts PulseAudio's client, which makes a folder in the temp folder unless told where.
const strays = () => readdirSync(tmpdir()).filter((name) => /^(org\.chromium\.|pulse-)/.test(name));
const straysBefore = strays();

beforeAll(async () => {
  [server, browser] = await Promise.all([serve(siteDir), launchBrowser({ args: fakeMicrophone })]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
  expect(strays(), 'left in the temp folder').toEqual(straysBefore);
});

interface Opened {
  page: Page;
  cspViolations: () => Promise<string[]>;
  outside: string[];
  /** The folder the page's downloads land in. */
  downloads: string;
  /** Resolves with a download's file name once Chromium has written all of it. */
  downloaded: () => Promise<string>;
}

/** The English page in a new tab whose downloads land in a fresh folder. */
async function open({ on = browser, limit }: { on?: Browser; limit?: number } = {}) {
  const url = `${server.origin}/english/`;
  const downloads = await tempDir('recorder-downloads');
  const opened = await openPage(on, url);
  const cdp = await opened.page.createCDPSession();
  const names = new Map<string, string>();
  cdp.on('Browser.downloadWillBegin', ({ guid, suggestedFilename }) =>
    names.set(guid, suggestedFilename),
  );
  const downloaded = () =>
    new Promise<string>((resolve) => {
      const progress = ({ guid, state }: { guid: string; state: string }) => {
        if (state !== 'completed') return;
        cdp.off('Browser.downloadProgress', progress);
        resolve(names.get(guid)!);
      };
      cdp.on('Browser.downloadProgress', progress);
    });
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: downloads,
    eventsEnabled: true,
  });
  if (limit) await reloadWithLimit(opened.page, url, limit);
  return { ...opened, downloads, downloaded } satisfies Opened;
}

/**
 * The page as the site serves it, but with another time limit on the recorder: the limit is the
 * page's to set (Recorder.astro writes 60), and a test should not wait a minute for it.
 */
async function reloadWithLimit(page: Page, url: string, seconds: number) {
  const served = await (await fetch(url)).text();
  const html = served.replace(/data-limit="\d+"/, `data-limit="${seconds}"`);
  expect(html).not.toBe(served);
  await page.setRequestInterception(true);
  page.on('request', (request) =>
    request.url() === url
      ? request.respond({ status: 200, contentType: 'text/html', body: html })
      : request.continue(),
  );
  await page.reload({ waitUntil: 'load' });
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => el.textContent?.trim() ?? '');
const status = (page: Page) => text(page, '[data-status]');
const isHidden = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as HTMLElement).hidden || el.closest('[hidden]') !== null);
// Checked on every change of the page rather than every frame, so a take is timed from the moment
// the button says it is recording.
const toggleSays = (page: Page, label: string) =>
  page.waitForFunction(
    (label) => document.querySelector('[data-toggle]')?.textContent?.trim() === label,
    { polling: 'mutation' },
    label,
  );

/** Moves the focus with Tab alone until it reaches `selector`, as a keyboard user does. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Records from the keyboard for about `seconds`, and returns how long the take really ran. */
async function recordTake(page: Page, seconds: number): Promise<number> {
  await tabTo(page, '[data-prompter]');
  await page.keyboard.press('Space');
  await toggleSays(page, 'Stop recording');
  const started = performance.now();
  expect(await status(page)).toMatch(/^Recording/);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await page.keyboard.press('Space');
  const took = (performance.now() - started) / 1000;
  await toggleSays(page, 'Record a new take');
  return took;
}

/** Downloads a file of the take with Tab and Enter, and returns its bytes from the disk. */
async function download(opened: Opened, link: string): Promise<{ name: string; bytes: Buffer }> {
  await tabTo(opened.page, link);
  const done = opened.downloaded();
  await opened.page.keyboard.press('Enter');
  const name = await done;
  expect(name).toBe(await opened.page.$eval(link, (a) => (a as HTMLAnchorElement).download));
  return { name, bytes: readFileSync(join(opened.downloads, name)) };
}

const shownSeconds = async (page: Page) =>
  Number((await text(page, '[data-duration]')).replace(/ s$/, ''));

/** The page's own beforeunload question when it closes: answered, and whether it was asked. */
async function closeAnswering(page: Page, answer: 'stay' | 'leave'): Promise<boolean> {
  let asked = false;
  const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
  const dialog = new Promise<void>((resolve) =>
    page.once('dialog', async (d) => {
      asked = d.type() === 'beforeunload';
      await (answer === 'stay' ? d.dismiss() : d.accept());
      resolve();
    }),
  );
  await page.close({ runBeforeUnload: true });
  await Promise.race([closed, dialog]);
  if (asked && answer === 'leave') await closed;
  return asked;
}

describe('the recorder', () => {
  it('is ready with JavaScript, axe finds nothing, and the page runs no inline script', async () => {
    const { page } = await open();
    expect(await isHidden(page, '[data-recorder]')).toBe(false);
    expect(await isHidden(page, '[data-needs-js]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const html = await (await fetch(page.url())).text();
    expect(html).toContain(`content="${contentSecurityPolicy}"`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/ src="\/_astro\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(contentSecurityPolicy).toMatch(/script-src 'self';/);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    await page.close();
  });

  it('records 3 s from the keyboard, plays the take back and hands it in as WAV and as recorded', async () => {
    const opened = await open();
    const { page } = opened;
    const took = await recordTake(page, 3);
    expect(await axeViolations(page)).toEqual([]);
    expect(await status(page)).toMatch(/Recorded \d+\.\d seconds\. .*download it as WAV/);

    const seconds = await shownSeconds(page);
    expect(Math.abs(seconds - took)).toBeLessThan(0.3);
    const playback = await page.$eval('[data-audio]', async (el) => {
      const audio = el as HTMLAudioElement;
      if (audio.readyState < 1)
        await new Promise((r) => audio.addEventListener('loadedmetadata', r));
      return { src: audio.src, duration: audio.duration, controls: audio.controls };
    });
    expect(playback.src).toMatch(/^blob:/);
    expect(playback.controls).toBe(true);
    expect(Math.abs(playback.duration - took)).toBeLessThan(0.3);

    const wav = await download(opened, '[data-wav]');
    expect(wav.name).toBe('english-audio.wav');
    const header = readWav(wav.bytes);
    expect(header).toMatchObject({ format: 1, channels: 1, bitsPerSample: 16, sampleRate: 48_000 });
    expect(Math.abs(header.seconds - took)).toBeLessThan(0.3);
    // The page shows the length to a tenth of a second.
    expect(Math.abs(header.seconds - seconds)).toBeLessThanOrEqual(0.05 + 1e-9);
    // The fake microphone plays a tone: the samples are sound, not silence.
    expect(Math.max(...header.samples.subarray(0, 48_000).map(Math.abs))).toBeGreaterThan(1000);
    expect(await text(page, '[data-wav-about]')).toMatch(
      /^\d+(\.\d)? (KB|MB), mono, 16-bit PCM, 48 kHz$/,
    );

    const original = await download(opened, '[data-original]');
    expect(original.name).toMatch(/^english-audio\.(webm|ogg)$/);
    // WebM starts with the EBML magic number, Ogg with its capture pattern.
    expect(original.bytes.subarray(0, 4).toString('hex')).toMatch(/^(1a45dfa3|4f676753)$/);
    expect(original.bytes.byteLength).toBeGreaterThan(1000);

    expect(await opened.cspViolations()).toEqual([]);
    expect(opened.outside).toEqual([]);
    // Downloaded: leaving asks nothing.
    expect(await closeAnswering(page, 'leave')).toBe(false);
  });

  it('replaces a take only when asked, and asks before leaving with one not downloaded', async () => {
    const opened = await open();
    const { page } = opened;
    await recordTake(page, 1);
    const first = await page.$eval('[data-audio]', (el) => (el as HTMLAudioElement).src);

    // Space again: the page asks, with the focus on keeping the take; Escape keeps it.
    await tabTo(page, '[data-prompter]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-replace][open]');
    expect(await page.evaluate(() => document.activeElement?.matches('[data-keep-take]'))).toBe(
      true,
    );
    expect(await text(page, '[data-replace]')).toMatch(/not downloaded your \d+\.\d s take/);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-replace]:not([open])');
    expect(await page.$eval('[data-audio]', (el) => (el as HTMLAudioElement).src)).toBe(first);
    expect(await isHidden(page, '[data-result]')).toBe(false);

    // Asked for: the new take replaces the old.
    await tabTo(page, '[data-toggle]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-replace][open]');
    await tabTo(page, '[data-new-take]');
    await page.keyboard.press('Enter');
    await toggleSays(page, 'Stop recording');
    expect(await isHidden(page, '[data-result]')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await tabTo(page, '[data-toggle]');
    await page.keyboard.press('Enter');
    await toggleSays(page, 'Record a new take');
    // The keyboard user's focus stays where it was through the take's processing.
    expect(await page.evaluate(() => document.activeElement?.matches('[data-toggle]'))).toBe(true);
    const second = await page.$eval('[data-audio]', (el) => (el as HTMLAudioElement).src);
    expect(second).toMatch(/^blob:/);
    expect(second).not.toBe(first);

    // Not downloaded: leaving asks, and staying keeps everything.
    expect(await closeAnswering(page, 'stay')).toBe(true);
    expect(page.isClosed()).toBe(false);
    expect(await page.$eval('[data-audio]', (el) => (el as HTMLAudioElement).src)).toBe(second);

    // Downloaded, a take gives way to the next without a question; the next is unsaved again.
    await download(opened, '[data-wav]');
    await tabTo(page, '[data-prompter]');
    await page.keyboard.press('Space');
    await toggleSays(page, 'Stop recording');
    expect(await page.$('[data-replace][open]')).toBeNull();
    await page.keyboard.press('Space');
    await toggleSays(page, 'Record a new take');
    expect(await opened.cspViolations()).toEqual([]);
    expect(await closeAnswering(page, 'leave')).toBe(true);
    expect(page.isClosed()).toBe(true);
  });

  it('stops by itself at the time limit', async () => {
    const { page } = await open({ limit: 2 });
    await tabTo(page, '[data-toggle]');
    await page.keyboard.press('Enter');
    await toggleSays(page, 'Record a new take');
    const seconds = await shownSeconds(page);
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(3);
    expect(await status(page)).toMatch(/time limit was reached/);
    expect(await axeViolations(page)).toEqual([]);
    await closeAnswering(page, 'leave');
  });

  it('says so when microphone permission is denied', async () => {
    const denying = await launchBrowser({
      args: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'],
    });
    try {
      const { page } = await open({ on: denying });
      await tabTo(page, '[data-toggle]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() =>
        /permission was denied/.test(document.querySelector('[data-status]')?.textContent ?? ''),
      );
      expect(await isHidden(page, '[data-result]')).toBe(true);
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
    expect(await isHidden(page, '[data-needs-js]')).toBe(false);
    expect(await isHidden(page, '[data-recorder]')).toBe(true);
    // axe runs as a script; turned on now, the page's own script, skipped at load, stays unrun.
    await page.setJavaScriptEnabled(true);
    expect(await isHidden(page, '[data-recorder]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
