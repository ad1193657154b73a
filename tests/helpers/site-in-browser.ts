import type { Browser } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { openPage } from '../../src/audit/page-checks.ts';
import { launchBrowser } from '../../src/lib/browser.ts';
import { serve, type StaticServer } from '../../src/lib/static-server.ts';

type OpenOptions = Parameters<typeof openPage>[2];

/**
 * The built site served on loopback, and one browser to visit it, for the test file that calls
 * this: both start before its tests and close after them. The result opens a path of the site,
 * noting requests that leave it and CSP violations.
 */
export function siteInBrowser(siteDir: string) {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serve(siteDir)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  return (path: string, options?: OpenOptions) => openPage(browser, server.origin + path, options);
}
