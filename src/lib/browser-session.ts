import puppeteer, { type CreatePageOptions, type Page } from 'puppeteer';
import { launchBrowser, type LaunchOptions } from './browser.ts';
import { Startable } from './startable.ts';

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
  readonly #browser = new Startable(() =>
    this.#options.endpoint
      ? puppeteer.connect({ browserWSEndpoint: this.#options.endpoint })
      : launchBrowser(this.#options),
  );

  constructor(options: SessionOptions = {}) {
    this.#options = options;
  }

  /** Whether a browser was started or connected to, and not closed since. */
  get running(): boolean {
    return this.#browser.started;
  }

  async newPage(options?: CreatePageOptions): Promise<Page> {
    return (await this.#browser.get()).newPage(options);
  }

  /** The endpoint a child process connects to, to render in this browser (a build's diagrams). */
  async endpoint(): Promise<string> {
    return (await this.#browser.get()).wsEndpoint();
  }

  async close(): Promise<void> {
    const browser = await this.#browser.take();
    if (!browser) return;
    if (this.#options.endpoint) await browser.disconnect();
    else await browser.close();
  }
}
