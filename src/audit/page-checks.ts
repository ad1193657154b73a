import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

export interface Visit {
  page: Page;
  status: number | undefined;
  /** Every request the page made to anywhere but the site's own origin. */
  outside: string[];
  /** Every request the page made that was answered with a status of 400 or more. */
  failed: string[];
  /** The Content-Security-Policy violations the page reported so far. */
  cspViolations: () => Promise<string[]>;
  /** Ends the visit: the tab goes back to its `Tabs` for the next one, or closes. */
  done: () => Promise<void>;
}

export interface VisitOptions {
  scheme?: 'light' | 'dark';
  /** The viewport's width, 800 px high; Puppeteer's 800×600 when not given. */
  width?: number;
}

/** What a tab notes of the visit it is on. */
interface Notes {
  origin: string;
  outside: string[];
  failed: string[];
}

/** An open tab, and the notes of its current visit, which its listeners write to. */
interface Tab {
  page: Page;
  notes: Notes;
}

/** Where a tab comes from: a browser, or one of its contexts. */
interface TabSource {
  newPage(): Promise<Page>;
}

/**
 * Tabs to visit pages in, noting requests that leave the site and CSP violations. A tab whose
 * visit is done serves the next one: Chromium spends more opening and closing a tab than loading
 * a page into one that is open.
 */
export class Tabs {
  readonly #source: TabSource;
  readonly #idle: Tab[] = [];

  constructor(source: TabSource) {
    this.#source = source;
  }

  /** Opens `url` in an idle tab, or a new one, in the viewport and colour scheme asked for. */
  async visit(url: string, { scheme = 'light', width }: VisitOptions = {}): Promise<Visit> {
    const tab = this.#idle.pop() ?? (await this.#newTab());
    const { page } = tab;
    const notes: Notes = { origin: new URL(url).origin, outside: [], failed: [] };
    tab.notes = notes;
    // What the visit before may have changed.
    await page.setViewport({ width: width ?? 800, height: width ? 800 : 600 });
    await page.emulateMediaType();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const response = await page.goto(url, { waitUntil: 'load' });
    return {
      page,
      status: response?.status(),
      outside: notes.outside,
      failed: notes.failed,
      cspViolations: () =>
        page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
      done: async () => {
        this.#idle.push(tab);
      },
    };
  }

  async #newTab(): Promise<Tab> {
    const page = await this.#source.newPage();
    const tab: Tab = { page, notes: { origin: '', outside: [], failed: [] } };
    page.on('request', (request) => {
      const requested = request.url();
      const { origin, outside } = tab.notes;
      if (!requested.startsWith(`${origin}/`) && !/^(data|blob):/.test(requested)) {
        outside.push(requested);
      }
    });
    page.on('requestfinished', (request) => {
      const status = request.response()?.status() ?? 0;
      if (status >= 400) tab.notes.failed.push(request.url());
    });
    // Injected through the DevTools protocol, so the page's own CSP does not block it.
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    return tab;
  }
}

/** Opens `url` in a tab of its own, which `done()` (or closing the page) closes. */
export async function openPage(
  source: TabSource,
  url: string,
  options?: VisitOptions,
): Promise<Visit> {
  const visit = await new Tabs(source).visit(url, options);
  return { ...visit, done: () => visit.page.close() };
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
