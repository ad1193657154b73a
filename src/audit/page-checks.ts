import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';

interface OpenedPage {
  page: Page;
  status: number | undefined;
  /** Every request the page made to anywhere but the site's own origin. */
  outside: string[];
  /** The Content-Security-Policy violations the page reported so far. */
  cspViolations: () => Promise<string[]>;
}

/** Opens `url` in a new tab, noting requests that leave `origin` and CSP violations. */
export async function openPage(
  browser: Browser,
  url: string,
  { scheme = 'light', width }: { scheme?: 'light' | 'dark'; width?: number } = {},
): Promise<OpenedPage> {
  const page = await browser.newPage();
  if (width) await page.setViewport({ width, height: 800 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  const origin = new URL(url).origin;
  const outside: string[] = [];
  page.on('request', (request) => {
    const requested = request.url();
    if (!requested.startsWith(`${origin}/`) && !/^(data|blob):/.test(requested)) {
      outside.push(requested);
    }
  });
  // Injected through the DevTools protocol, so the page's own CSP does not block it.
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    status: response?.status(),
    outside,
    cspViolations: () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

let axeSource: string | undefined;

/** axe-core's violations on the page as it is now, one line each: rule and elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run();
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Every link of the page to its own site that leads nowhere: a page that does not answer 200, or
 * an anchor with no element of that id. Links elsewhere are left to their owners.
 */
export async function brokenLinks(page: Page): Promise<string[]> {
  const here = new URL(page.url());
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const problems: string[] = [];
  const status = new Map<string, number>();
  for (const href of new Set(hrefs)) {
    const url = new URL(href);
    if (url.origin !== here.origin) continue;
    const target = `${url.origin}${url.pathname}`;
    if (!status.has(target)) status.set(target, (await fetch(target)).status);
    if (status.get(target) !== 200) {
      problems.push(`${href}: ${status.get(target)}`);
      continue;
    }
    if (!url.hash) continue;
    const id = decodeURIComponent(url.hash.slice(1));
    const exists =
      url.pathname === here.pathname
        ? (await page.$(`[id="${id.replace(/["\\]/g, '\\$&')}"]`)) !== null
        : (await (await fetch(target)).text()).includes(`id="${id}"`);
    if (!exists) problems.push(`${href}: no element with id “${id}”`);
  }
  return problems;
}
