import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { BrowserSession } from '../browser-session.ts';
import { ContentError } from '../content-error.ts';
import { accessibleText } from './accessibility.ts';
import { DiagramCache } from './cache.ts';
import { drawGroups } from './groups.ts';
import { iconPrefix, iconsFor, iconsVersion } from './icons.ts';
import { renderInPage } from './in-page.ts';
import { screenFit } from './screen-fit.ts';
import { Startable } from '../startable.ts';
import { mermaidConfig, themeVariables, type Theme } from './mermaid-config.ts';

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/**
 * Bump when what a cached file holds changes: the post-processing in `in-page.ts`, or the state
 * of the tab a diagram is drawn in (7: drawn at the tab's own pixel ratio, whatever came before),
 * or how `groups.ts` draws AWS groups (8: group icons and colours).
 */
const rendererVersion = 8;

export interface DiagramSource {
  /** The path, for messages. */
  file: string;
  source: string;
}

interface RenderOptions {
  /** The browser to render in, which its owner lends and closes. */
  session: BrowserSession;
  /** Where rendered files are kept between runs. */
  cacheDir: string;
  /** How long one render may take before the browser is closed and the render refused. */
  timeoutMs?: number;
}

/**
 * Renders Mermaid diagrams to SVG and PNG in one tab of the session's browser, opened at the first
 * render the cache cannot answer and kept for every render after it until `close()`.
 */
export class DiagramRenderer {
  readonly #session: BrowserSession;
  readonly #cache: DiagramCache;
  readonly #timeoutMs: number;
  /** The tab diagrams render in, with Mermaid loaded. */
  readonly #page = new Startable(async () => {
    const page = await this.#session.newPage();
    await page.setContent(
      '<!doctype html><html><body style="margin:0;background:#fff"></body></html>',
    );
    await page.addScriptTag({ path: mermaidScript });
    return page;
  });
  /** The tail of the page's work: Mermaid's config is global and a PNG replaces the body. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: RenderOptions) {
    this.#session = options.session;
    this.#cache = new DiagramCache(options.cacheDir);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The diagram as standalone SVG with `role="img"`, a title, a description and unique ids. */
  async svg(diagram: DiagramSource, theme: Theme = 'default'): Promise<string> {
    const bytes = await this.#cached(diagram, { output: 'svg', theme }, () =>
      this.#renderSvg(diagram, theme),
    );
    return new TextDecoder().decode(bytes);
  }

  /**
   * The light diagram as PNG on white, at least `minWidth` pixels wide and at `screenFit.minScale`
   * pixels per CSS pixel or more.
   */
  async png(diagram: DiagramSource, minWidth = 1600): Promise<Uint8Array> {
    return this.#cached(diagram, { output: 'png', minWidth }, async () => {
      const svg = await this.svg(diagram, 'default');
      return this.#screenshot(svg, minWidth);
    });
  }

  /** Closes this renderer's tab; the browser stays with the session's owner. */
  async close(): Promise<void> {
    await (await this.#page.take())?.close().catch(() => undefined);
  }

  #cached(
    diagram: DiagramSource,
    variant: { output: 'svg' | 'png'; theme?: Theme; minWidth?: number },
    render: () => Promise<string | Uint8Array>,
  ): Promise<Uint8Array> {
    const key = {
      source: diagram.source,
      mermaidVersion,
      iconsVersion,
      mermaidConfig,
      themeVariables,
      rendererVersion,
      variant,
    };
    return this.#cache.get(key, variant.output, render);
  }

  /** Runs `job` on the shared page once every job before it has finished, so none interleave. */
  #exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `work`, and closes the browser when it takes too long, so no Chromium is left hanging. */
  async #withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`${what} took longer than ${this.#timeoutMs} ms; the browser was closed.`),
          ),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (!(error instanceof ContentError)) {
        void this.#page.take();
        await this.#session.close();
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async #renderSvg(diagram: DiagramSource, theme: Theme): Promise<string> {
    const text = accessibleText(diagram.source, diagram.file);
    const icons = iconsFor(diagram.source, diagram.file);
    // Ids come from the content, so two diagrams on one page, or one in two themes, never share one.
    const id = `d${createHash('sha256').update(diagram.source).digest('hex').slice(0, 10)}-${theme === 'dark' ? 'dark' : 'light'}`;
    const result = await this.#exclusive(async () => {
      const page = await this.#withTimeout('Starting Chromium', this.#page.get());
      return this.#withTimeout(
        `Rendering ${diagram.file}`,
        page.evaluate(renderInPage, {
          source: diagram.source,
          id,
          theme,
          icons: icons ?? null,
          iconPrefix,
          config: mermaidConfig,
          colors: themeVariables[theme],
          text,
        }),
      );
    });
    if ('error' in result) {
      const line = /line (\d+)/i.exec(result.error)?.[1];
      throw new ContentError(
        diagram.file,
        line ? { line: Number(line) } : undefined,
        `Mermaid cannot read this diagram: ${result.error.split('\n').join('\n    ')}`,
        'compare the line with the Mermaid syntax of its diagram type (https://mermaid.js.org/intro/syntax-reference.html).',
      );
    }
    return drawGroups(result.svg, theme, diagram.file);
  }

  #screenshot(svg: string, minWidth: number): Promise<Uint8Array> {
    return this.#exclusive(async () => {
      const page = await this.#withTimeout('Starting Chromium', this.#page.get());
      return this.#withTimeout(
        'Taking the PNG',
        (async () => {
          const { width, height } = svgSize(svg);
          const scale = Math.max(screenFit.minScale, minWidth / width);
          // Mermaid measures text in this tab: left at another pixel ratio, or holding this SVG,
          // it would lay the next diagram out a pixel apart from the same one in a fresh tab.
          const viewport = page.viewport();
          try {
            await page.setViewport({
              width: Math.ceil(width),
              height: Math.ceil(height),
              deviceScaleFactor: scale,
            });
            await page.evaluate((markup) => {
              document.body.innerHTML = markup;
            }, svg);
            const element = await page.$('body > svg');
            return new Uint8Array(
              await element!.screenshot({ type: 'png', omitBackground: false }),
            );
          } finally {
            await page.evaluate(() => {
              document.body.innerHTML = '';
            });
            if (viewport) await page.setViewport(viewport);
          }
        })(),
      );
    });
  }
}

/** Width and height of a finished SVG, from the attributes `renderInPage` wrote. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  if (!width || !height) throw new Error('The SVG has no numeric width and height.');
  return { width, height };
}
