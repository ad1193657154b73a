import puppeteer, { type Browser, type Page } from 'puppeteer';
import { launchBrowser, type LaunchOptions } from './browser.ts';

interface SessionOptions extends LaunchOptions {
  /** The DevTools endpoint of a browser another process runs: connect to it instead of launching. */
  endpoint?: string | undefined;
}

/**
 * The one browser of a command (the export, the audit, the bench, a build): started at the first
 * page asked of it, lent to the diagram renderer and the PDF printer, closed by its owner. A
 * session on another process's browser connects to it, and lets go of it on close.
 */
export class BrowserSession {
  readonly #options: SessionOptions;
  #browser: Promise<Browser> | undefined;

  constructor(options: SessionOptions = {}) {
    this.#options = options;
  }

  /** Whether a browser was started or connected to, and not closed since. */
  get running(): boolean {
    return this.#browser !== undefined;
  }

  #start(): Promise<Browser> {
    if (!this.#browser) {
      const starting = this.#options.endpoint
        ? puppeteer.connect({ browserWSEndpoint: this.#options.endpoint })
        : launchBrowser(this.#options);
      // A failed start is not kept: the next call tries again, and says why again. Only that
      // start is forgotten, not one a caller began after it failed.
      starting.catch(() => {
        if (this.#browser === starting) this.#browser = undefined;
      });
      this.#browser = starting;
    }
    return this.#browser;
  }

  async newPage(): Promise<Page> {
    return (await this.#start()).newPage();
  }

  /** The endpoint a child process connects to, to render in this browser (a build's diagrams). */
  async endpoint(): Promise<string> {
    return (await this.#start()).wsEndpoint();
  }

  async close(): Promise<void> {
    const starting = this.#browser;
    this.#browser = undefined;
    const browser = await starting?.catch(() => undefined);
    if (!browser) return;
    if (this.#options.endpoint) await browser.disconnect();
    else await browser.close();
  }
}
