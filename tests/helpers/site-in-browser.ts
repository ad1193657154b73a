import type { Browser } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { Tabs, type VisitOptions } from '../../src/audit/page-checks.ts';
import { launchBrowser } from '../../src/lib/browser.ts';
import { serve, type StaticServer } from '../../src/lib/static-server.ts';

/**
 * The built site served on loopback, and one browser to visit it, for the test file that calls
 * this: both start before its tests and close after them. The result opens a path of the site in
 * a tab the file's visits share, noting requests that leave it and CSP violations; a test ends its
 * visit with `done()`.
 */
export function siteInBrowser(siteDir: string) {
  let browser: Browser;
  let server: StaticServer;
  let tabs: Tabs;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serve(siteDir)]);
    tabs = new Tabs(browser);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  return (path: string, options?: VisitOptions) => tabs.visit(server.origin + path, options);
}
