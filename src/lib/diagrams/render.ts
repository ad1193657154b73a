import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import type { BrowserSession } from '../browser-session.ts';
import { ContentError } from '../content-error.ts';
import { accessibleText } from './accessibility.ts';
import { DiagramCache } from './cache.ts';
import { drawGroups } from './groups.ts';
import { iconPrefix, iconsFor, iconsVersion } from './icons.ts';
import { edgesPointingBack } from './flowchart-facts.ts';
import { renderInPage, type InPageInput } from './in-page.ts';
import { screenFit } from './screen-fit.ts';
import { ownedTempDir, removeOwnedTempDir } from '../leftovers.ts';
import { Startable } from '../startable.ts';
import { mermaidConfig, themeVariables, type Theme } from './mermaid-config.ts';
import { probeSource, retheme, type ThemeParts } from './retheme.ts';

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/**
 * Bump when what a cached file holds changes: the post-processing in `in-page.ts`, or the state
 * of the tab a diagram is drawn in (7: drawn at the tab's own pixel ratio, whatever came before;
 * 8: group icons and colours drawn by `groups.ts`; 9: a sequence diagram's participants numbered
 * from 0, whatever the tab drew before; 10: PNGs taken in a tab of their own, so a sequence
 * diagram's centred labels sit as a page drawing the SVG at scale 2 from the start places them;
 * 11: an edge written `a <--- b` gets its head at a). The dark SVG derived from the light one
 * (`retheme.ts`) is byte for byte the one Mermaid lays out in the dark theme, so it needs none.
 */
const rendererVersion = 11;

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
  /**
   * How many tabs render at once, each in a renderer process of its own. One by default: on two
   * cores the bench measured two tabs slower than one (22.4 s against 20.4 s for the 18 files),
   * the second Mermaid load and the two layouts competing for the cores the browser needs.
   */
  tabs?: number;
  /** Told how long each step of a cold render took (the bench's breakdown). */
  onPhase?: (phase: RenderPhase, ms: number) => void;
  /**
   * Whether the dark SVG is derived from the light one's layout (the default), or laid out again
   * in the dark theme, as before: the reference the tests and the bench compare the derivation with.
   */
  deriveDark?: boolean;
}

/**
 * The steps a cold render's time goes to: opening a tab (and the browser, the first time), loading
 * Mermaid in it, laying a diagram out, rendering the probes its dark theme is derived with (and
 * deriving it), taking a PNG.
 */
export type RenderPhase = 'tab' | 'mermaid' | 'layout' | 'dark' | 'png';

/** Mermaid's SVG of a diagram, and what `retheme.ts` needs to derive another theme's from it. */
interface Rendered {
  svg: string;
  type: string;
  variables: Record<string, unknown>;
}

/** A tab with Mermaid loaded, started at its first job. */
type Tab = Startable<Page>;

/**
 * Renders Mermaid diagrams to SVG and PNG in the tabs of the session's browser, opened when the
 * cache cannot answer and kept for every render after it until `close()`. Renders asked for at
 * once share the tabs; a diagram gives the same bytes in any tab, whatever it drew before.
 */
export class DiagramRenderer {
  readonly #session: BrowserSession;
  readonly #cache: DiagramCache;
  readonly #timeoutMs: number;
  readonly #maxTabs: number;
  readonly #onPhase: RenderOptions['onPhase'];
  readonly #tabs: Tab[] = [];
  /** Tabs with no job; a job takes one, or waits for one, in the order jobs were asked for. */
  readonly #idle: Tab[] = [];
  readonly #waiting: ((tab: Tab) => void)[] = [];
  /** Whether a tab is being opened: the next one opens only once it is ready. */
  #opening = false;
  /** The folder of the page every tab opens, made with the first tab and removed by `close()`. */
  #pageDir: string | undefined;
  /**
   * The tab PNGs are taken in: a blank page with no Mermaid, opened at the first PNG. Apart from
   * the tabs that lay diagrams out, its screenshot (a software raster of the whole diagram at scale
   * 2, most of a PNG's time) runs in a renderer process of its own while the next diagram is laid
   * out, and the layout tabs are never resized, nor hold an SVG that would move the next layout.
   * It never lays text out at scale 1: Chromium keeps a font's metrics as a page first laid it
   * out, and a sequence diagram's centred labels (`dominant-baseline: central`) drawn at scale 2
   * after scale 1 sit a pixel lower than in a page that draws the SVG at scale 2 from the start,
   * as a browser on a high-density screen does.
   */
  readonly #pngTab = new Startable(async () => {
    const page = await this.#session.newPage({ type: 'window' });
    await page.setContent(
      '<!doctype html><html><body style="margin:0;background:#fff"></body></html>',
    );
    return page;
  });
  /** The PNGs asked for, one at a time in the PNG tab (it holds one SVG at one size). */
  #pngQueue: Promise<unknown> = Promise.resolve();
  readonly #deriveDark: boolean;
  /**
   * Each diagram's light layout, by file and source, kept until both themes have taken it: the
   * dark SVG is derived from it, whichever theme was asked for first.
   */
  readonly #layouts = new Map<string, { rendered: Promise<Rendered>; taken: Set<Theme> }>();

  constructor(options: RenderOptions) {
    this.#session = options.session;
    this.#cache = new DiagramCache(options.cacheDir);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxTabs = Math.max(1, options.tabs ?? 1);
    this.#onPhase = options.onPhase;
    this.#deriveDark = options.deriveDark ?? true;
  }

  /** The diagram as standalone SVG with `role="img"`, a title, a description and unique ids. */
  async svg(diagram: DiagramSource, theme: Theme = 'default'): Promise<string> {
    const bytes = await this.#cached(diagram, { output: 'svg', theme }, async () =>
      drawGroups(await this.#mermaidSvg(diagram, theme), theme, diagram.file),
    );
    return new TextDecoder().decode(bytes);
  }

  /**
   * The light diagram as PNG on white, at least `minWidth` pixels wide and at `screenFit.minScale`
   * pixels per CSS pixel or more.
   */
  async png(diagram: DiagramSource, minWidth = 1600): Promise<Uint8Array> {
    return this.#cached(diagram, { output: 'png', minWidth }, async () => {
      // The PNG tab opens while the SVG is laid out.
      this.#pngTab.get().catch(() => undefined);
      const svg = await this.svg(diagram, 'default');
      return this.#screenshot(svg, minWidth);
    });
  }

  /** Closes this renderer's tabs; the browser stays with the session's owner. */
  async close(): Promise<void> {
    const tabs = this.#tabs.splice(0);
    this.#idle.length = 0;
    this.#layouts.clear();
    await Promise.all(
      [...tabs, this.#pngTab].map(async (tab) =>
        (await tab.take())?.close().catch(() => undefined),
      ),
    );
    if (this.#pageDir) removeOwnedTempDir(this.#pageDir);
    this.#pageDir = undefined;
  }

  /**
   * The file URL of a blank page that loads Mermaid from its own file. A script the page's parser
   * loads by URL is read and compiled off the main thread, while one sent over DevTools as text
   * (`addScriptTag({ path })`: 5.5 MB) is copied through the pipe and compiled on it: the bench
   * measured the URL 2–3× faster. A page opened with `setContent` may not load a `file:` URL, so
   * the page is a file too.
   */
  #pageUrl(): string {
    if (!this.#pageDir) {
      this.#pageDir = ownedTempDir('diagram-tab');
      writeFileSync(
        join(this.#pageDir, 'tab.html'),
        `<!doctype html><html><head><script src="${pathToFileURL(mermaidScript).href}"></script></head><body style="margin:0;background:#fff"></body></html>`,
      );
    }
    return pathToFileURL(join(this.#pageDir, 'tab.html')).href;
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

  /**
   * Runs `job` in a layout tab no other job is using (Mermaid's config is global to a tab): an
   * idle one, else the first one free, in the order jobs asked. A new tab opens while jobs wait
   * and there are fewer than `tabs`, one at a time: two Mermaid loads at once would only delay
   * the first render.
   */
  async #inTab<T>(job: (page: Page) => Promise<T>): Promise<T> {
    const tab =
      this.#idle.pop() ??
      (await new Promise<Tab>((resolve) => {
        this.#waiting.push(resolve);
        this.#grow();
      }));
    try {
      return await job(await this.#withTimeout('Starting Chromium', tab.get()));
    } finally {
      // A tab dropped with its browser goes nowhere: the next job opens a new one.
      if (this.#tabs.includes(tab)) this.#free(tab);
      else this.#grow();
    }
  }

  #free(tab: Tab): void {
    const next = this.#waiting.shift();
    if (next) next(tab);
    else this.#idle.push(tab);
  }

  /** Opens a tab for the first waiting job, unless one is opening or there are `tabs` already. */
  #grow(): void {
    if (this.#opening || this.#tabs.length >= this.#maxTabs || this.#waiting.length === 0) return;
    const tab: Tab = new Startable(async () => {
      // A window of its own: Chromium draws no frame for a tab behind another, so a screenshot
      // there would wait forever.
      const page = await this.#timed('tab', () => this.#session.newPage({ type: 'window' }));
      // No timeout of its own: the renderer's (`timeoutMs`) bounds the whole start.
      await this.#timed('mermaid', () => page.goto(this.#pageUrl(), { timeout: 0 }));
      return page;
    });
    this.#tabs.push(tab);
    this.#opening = true;
    void tab
      .get()
      .catch(() => undefined)
      .then(() => {
        this.#opening = false;
        this.#grow();
      });
    this.#waiting.shift()!(tab);
  }

  async #timed<T>(phase: RenderPhase, work: () => Promise<T>): Promise<T> {
    if (!this.#onPhase) return work();
    const started = performance.now();
    const result = await work();
    this.#onPhase(phase, performance.now() - started);
    return result;
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
        // The browser is closed under every tab: the next job opens new ones.
        for (const tab of this.#tabs.splice(0)) void tab.take();
        void this.#pngTab.take();
        this.#idle.length = 0;
        await this.#session.close();
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Mermaid's SVG of the diagram in `theme`. The diagram is laid out once, in the light theme; the
   * dark SVG is derived from that layout with two probes (`retheme.ts`), or, for a diagram the
   * derivation refuses, laid out again in the dark theme.
   */
  async #mermaidSvg(diagram: DiagramSource, theme: Theme): Promise<string> {
    if (theme === 'dark' && !this.#deriveDark) return (await this.#layOut(diagram, 'dark')).svg;
    const key = `${diagram.file}\0${diagram.source}`;
    let layout = this.#layouts.get(key);
    if (!layout) {
      layout = { rendered: this.#layOut(diagram, 'default'), taken: new Set() };
      this.#layouts.set(key, layout);
    }
    layout.taken.add(theme);
    if (layout.taken.size === 2) this.#layouts.delete(key);
    const light = await layout.rendered.catch((error: unknown) => {
      this.#layouts.delete(key);
      throw error;
    });
    if (theme === 'default') return light.svg;
    const probe = { ...diagram, source: probeSource(diagram.source) };
    const probes = (['default', 'dark'] as const).map((probeTheme) =>
      this.#input(probe, probeTheme, diagram.source),
    );
    // The light side's type is the diagram's, so a probe read as another type refuses.
    const parts = (rendered: Rendered, probeTheme: Theme): ThemeParts => ({
      id: svgId(diagram, probeTheme),
      type: probeTheme === 'default' ? light.type : rendered.type,
      probe: rendered.svg,
      variables: rendered.variables,
    });
    const derived = await this.#inTab((page) =>
      this.#timed('dark', async () => {
        const from = await this.#renderIn(page, probes[0]!, diagram.file);
        const to = await this.#renderIn(page, probes[1]!, diagram.file);
        return retheme(light.svg, parts(from, 'default'), parts(to, 'dark'));
      }),
    );
    return 'svg' in derived ? derived.svg : (await this.#layOut(diagram, 'dark')).svg;
  }

  /** Lays `diagram` out in `theme` in a layout tab. */
  #layOut(diagram: DiagramSource, theme: Theme): Promise<Rendered> {
    const input = this.#input(diagram, theme);
    return this.#inTab((page) =>
      this.#timed('layout', () => this.#renderIn(page, input, diagram.file)),
    );
  }

  /**
   * What the page needs to render `diagram` in `theme`, checked before any browser starts: its
   * title and description, its icons, and its ids, those of the diagram whose source is `idSource`
   * (a probe takes its diagram's ids, title and description).
   */
  #input(diagram: DiagramSource, theme: Theme, idSource = diagram.source): InPageInput {
    return {
      source: diagram.source,
      id: svgId({ source: idSource }, theme),
      theme,
      icons: iconsFor(diagram.source, diagram.file) ?? null,
      iconPrefix,
      config: mermaidConfig,
      colors: themeVariables[theme],
      text: accessibleText(idSource, diagram.file),
      pointingBack: edgesPointingBack(diagram.source),
    };
  }

  async #renderIn(page: Page, input: InPageInput, file: string): Promise<Rendered> {
    const result = await this.#withTimeout(`Rendering ${file}`, page.evaluate(renderInPage, input));
    if ('error' in result) {
      const line = /line (\d+)/i.exec(result.error)?.[1];
      throw new ContentError(
        file,
        line ? { line: Number(line) } : undefined,
        `Mermaid cannot read this diagram: ${result.error.split('\n').join('\n    ')}`,
        'compare the line with the Mermaid syntax of its diagram type (https://mermaid.js.org/intro/syntax-reference.html).',
      );
    }
    return result;
  }

  #screenshot(svg: string, minWidth: number): Promise<Uint8Array> {
    const shot = this.#pngQueue.then(() =>
      this.#withTimeout(
        'Taking the PNG',
        this.#timed('png', async () => {
          const page = await this.#pngTab.get();
          const { width, height } = svgSize(svg);
          const scale = Math.max(screenFit.minScale, minWidth / width);
          await page.setViewport({
            width: Math.ceil(width),
            height: Math.ceil(height),
            deviceScaleFactor: scale,
          });
          await page.evaluate((markup) => {
            document.body.innerHTML = markup;
          }, svg);
          // The viewport is the SVG's size: the clip is the whole SVG, and nothing beyond the
          // viewport needs drawing (puppeteer's default would resize the page to capture it).
          return new Uint8Array(
            await page.screenshot({
              type: 'png',
              omitBackground: false,
              clip: { x: 0, y: 0, width, height },
              captureBeyondViewport: false,
            }),
          );
        }),
      ),
    );
    this.#pngQueue = shot.catch(() => undefined);
    return shot;
  }
}

/** The SVG's id, from the content, so two diagrams on one page, or one in two themes, never share one. */
function svgId(diagram: { source: string }, theme: Theme): string {
  return `d${createHash('sha256').update(diagram.source).digest('hex').slice(0, 10)}-${theme === 'dark' ? 'dark' : 'light'}`;
}

/** Width and height of a finished SVG, from the attributes `renderInPage` wrote. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  if (!width || !height) throw new Error('The SVG has no numeric width and height.');
  return { width, height };
}
