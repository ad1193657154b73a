import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../src/lib/browser.ts';
import { tempDir } from './helpers/temp.ts';

const none = async () => undefined;

describe('the browser finder', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first', async () => {
    const dir = await tempDir('browser');
    const chrome = join(dir, 'chrome');
    await writeFile(chrome, '');
    const found = await findBrowser({
      env: { PUPPETEER_EXECUTABLE_PATH: chrome },
      download: async () => '/elsewhere',
    });
    expect(found).toEqual({ path: chrome, source: 'PUPPETEER_EXECUTABLE_PATH' });
  });

  it('says so when PUPPETEER_EXECUTABLE_PATH names no file', async () => {
    await expect(
      findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/no/such/chrome' } }),
    ).rejects.toThrow(/PUPPETEER_EXECUTABLE_PATH is \/no\/such\/chrome, and no file is there/);
  });

  it('takes puppeteer’s download before the system’s browser', async () => {
    const found = await findBrowser({
      env: {},
      download: async () => '/cache/chrome',
      systemPaths: ['/usr/bin/chromium'],
    });
    expect(found).toEqual({ path: '/cache/chrome', source: 'puppeteer' });
  });

  it('falls back to the first system browser that exists', async () => {
    const found = await findBrowser({
      env: {},
      download: none,
      systemPaths: ['/no/such/chrome', process.execPath],
    });
    expect(found).toEqual({ path: process.execPath, source: 'system' });
  });

  it('with none, says how to get one', async () => {
    await expect(
      findBrowser({ env: {}, download: none, systemPaths: ['/no/such/chrome'] }),
    ).rejects.toThrow(
      /No Chrome or Chromium found[\s\S]*apt-get install chromium[\s\S]*PUPPETEER_EXECUTABLE_PATH/,
    );
  });

  it('launches with a temporary profile that is gone after close, and nothing in $HOME', async () => {
    const home = process.env.HOME ?? '/nonexistent';
    const homeBefore = existsSync(home) ? readdirSync(home).sort() : [];
    const browser = await launchBrowser();
    const profile = browser
      .process()
      ?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))
      ?.slice('--user-data-dir='.length);
    expect(profile).toMatch(new RegExp(`^${tmpdir()}/submission-kit-chromium-`));
    const page = await browser.newPage();
    await page.setContent('<p>hello</p>');
    expect(await page.$eval('p', (p) => p.textContent)).toBe('hello');
    await browser.close();
    expect(existsSync(join(profile!, '..'))).toBe(false);
    expect(existsSync(home) ? readdirSync(home).sort() : []).toEqual(homeBefore);
  });
});
