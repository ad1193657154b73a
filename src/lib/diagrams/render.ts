import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { launchBrowser } from '../browser.ts';
import { ContentError } from '../content-error.ts';
import { accessibleText } from './accessibility.ts';
import { iconPrefix, iconsFor, iconsVersion } from './icons.ts';

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

export type Theme = 'default' | 'dark';

/**
 * What every render uses; part of the cache key, so changing it renders everything again.
 * `htmlLabels: false` gives pure SVG text, no `foreignObject`, which any viewer draws alike.
 */
export const mermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  htmlLabels: false,
  flowchart: { htmlLabels: false, curve: 'basis' },
  themeVariables: { fontFamily: 'Arial, Helvetica, sans-serif' },
} as const;

/** Edge labels sit on the page's own background, opaque, so their text keeps its contrast. */
export const themeVariables: Record<Theme, Record<string, string>> = {
  default: { edgeLabelBackground: '#ffffff' },
  dark: { edgeLabelBackground: '#0f1318' },
};

/** Bump when the post-processing below changes what a cached file holds. */
const rendererVersion = 6;

export interface DiagramSource {
  /** The path, for messages. */
  file: string;
  source: string;
}

export interface RenderOptions {
  /** Where rendered files are kept between runs. */
  cacheDir?: string;
  /** How long one render may take before the browser is closed and the render refused. */
  timeoutMs?: number;
  /**
   * The DevTools endpoint of a browser another process already runs (the export's, for the build
   * of its PDFs): the renderer opens a tab there instead of launching Chromium, and leaves it open.
   */
  browserEndpoint?: string;
}

const defaultCacheDir = join(process.cwd(), 'node_modules', '.cache', 'submission-kit', 'diagrams');

/**
 * Renders Mermaid diagrams to SVG and PNG in one headless Chromium, launched at the first render
 * the cache cannot answer and kept for every render after it until `close()`.
 */
export class DiagramRenderer {
  readonly cacheDir: string;
  readonly timeoutMs: number;
  /** How many times this renderer started a browser: 0 when the cache answered everything. */
  launches = 0;
  #session: Promise<{ browser: Browser; page: Page }> | undefined;
  /** The tail of the page's work: Mermaid's config is global and a PNG replaces the body. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The running browser's command line, so tests can check that none of it outlives a run. */
  browserArgs: readonly string[] = [];

  readonly #browserEndpoint: string | undefined;

  constructor(options: RenderOptions = {}) {
    this.cacheDir = options.cacheDir ?? defaultCacheDir;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#browserEndpoint = options.browserEndpoint;
  }

  /** The diagram as standalone SVG with `role="img"`, a title, a description and unique ids. */
  async svg(diagram: DiagramSource, theme: Theme = 'default'): Promise<string> {
    const bytes = await this.#cached(diagram, { output: 'svg', theme }, () =>
      this.#renderSvg(diagram, theme),
    );
    return new TextDecoder().decode(bytes);
  }

  /** The light diagram as PNG on white, at least `minWidth` pixels wide and at scale 2 or more. */
  async png(diagram: DiagramSource, minWidth = 1600): Promise<Uint8Array> {
    return this.#cached(diagram, { output: 'png', minWidth }, async () => {
      const svg = await this.svg(diagram, 'default');
      return this.#screenshot(svg, minWidth);
    });
  }

  /** A new tab in this renderer's browser, for other work of the same run (the export's PDFs). */
  async newPage(): Promise<Page> {
    await this.#page();
    return (await this.#session!).browser.newPage();
  }

  /** This renderer's browser, for a child process to render in (`browserEndpoint`). */
  async endpoint(): Promise<string> {
    await this.#page();
    return (await this.#session!).browser.wsEndpoint();
  }

  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    const running = await session?.catch(() => undefined);
    if (!running) return;
    // A borrowed browser stays with its owner: close our tab, let go of the connection.
    if (this.#browserEndpoint) {
      await running.page.close().catch(() => undefined);
      await running.browser.disconnect();
    } else {
      await running.browser.close();
    }
  }

  async #cached(
    diagram: DiagramSource,
    variant: { output: 'svg' | 'png'; theme?: Theme; minWidth?: number },
    render: () => Promise<string | Uint8Array>,
  ): Promise<Uint8Array> {
    const key = createHash('sha256')
      .update(
        JSON.stringify({
          source: diagram.source,
          mermaidVersion,
          iconsVersion,
          mermaidConfig,
          themeVariables,
          rendererVersion,
          variant,
        }),
      )
      .digest('hex');
    const path = join(this.cacheDir, `${key}.${variant.output}`);
    try {
      return new Uint8Array(await readFile(path));
    } catch {
      const rendered = await render();
      const bytes = typeof rendered === 'string' ? new TextEncoder().encode(rendered) : rendered;
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves half a file for the next run to trust.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
      return bytes;
    }
  }

  #page(): Promise<Page> {
    this.#session ??= (async () => {
      let browser: Browser;
      if (this.#browserEndpoint) {
        browser = await puppeteer.connect({ browserWSEndpoint: this.#browserEndpoint });
      } else {
        this.launches += 1;
        browser = await launchBrowser();
        this.browserArgs = browser.process()?.spawnargs ?? [];
      }
      const page = await browser.newPage();
      await page.setContent(
        '<!doctype html><html><body style="margin:0;background:#fff"></body></html>',
      );
      await page.addScriptTag({ path: mermaidScript });
      return { browser, page };
    })();
    return this.#session.then((s) => s.page);
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
            new Error(`${what} took longer than ${this.timeoutMs} ms; the browser was closed.`),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (!(error instanceof ContentError)) await this.close();
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
      const page = await this.#withTimeout('Starting Chromium', this.#page());
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
    return result.svg;
  }

  #screenshot(svg: string, minWidth: number): Promise<Uint8Array> {
    return this.#exclusive(async () => {
      const page = await this.#withTimeout('Starting Chromium', this.#page());
      return this.#withTimeout(
        'Taking the PNG',
        (async () => {
          const { width, height } = svgSize(svg);
          const scale = Math.max(2, minWidth / width);
          await page.setViewport({
            width: Math.ceil(width),
            height: Math.ceil(height),
            deviceScaleFactor: scale,
          });
          await page.evaluate((markup) => {
            document.body.innerHTML = markup;
          }, svg);
          const element = await page.$('body > svg');
          const png = await element!.screenshot({ type: 'png', omitBackground: false });
          await page.evaluate(() => {
            document.body.innerHTML = '';
          });
          return new Uint8Array(png);
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

interface InPageInput {
  source: string;
  id: string;
  theme: Theme;
  icons: object | null;
  iconPrefix: string;
  config: typeof mermaidConfig;
  text: { title: string; description: string };
  colors: Record<string, string>;
}

/**
 * Runs inside the page: renders with the Mermaid the page was given, then makes the SVG stand
 * alone — size from its viewBox (Mermaid writes `width="100%"`), `role="img"` named by its title
 * and description, text spacing kept — and serialises it as XML.
 */
async function renderInPage(input: InPageInput): Promise<{ svg: string } | { error: string }> {
  const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
  interface MermaidApi {
    initialize(config: object): void;
    registerIconPacks(packs: { name: string; icons: object }[]): void;
    render(id: string, source: string): Promise<{ svg: string }>;
  }
  // Mermaid draws some shapes (the neo look's stadiums) with Math.random: the same seed for every
  // render gives the same bytes for the same diagram, whatever the browser rendered before.
  let seed = 1;
  Math.random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  if (input.icons) mermaid.registerIconPacks([{ name: input.iconPrefix, icons: input.icons }]);
  mermaid.initialize({
    ...input.config,
    theme: input.theme,
    themeVariables: { ...input.config.themeVariables, ...input.colors },
  });
  let svgText: string;
  try {
    ({ svg: svgText } = await mermaid.render(input.id, input.source));
  } catch (error) {
    document
      .querySelectorAll(`[id^="d${input.id}"], #${input.id}`)
      .forEach((node) => node.remove());
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (width && height) {
    svg.setAttribute('width', String(Math.ceil(width)));
    svg.setAttribute('height', String(Math.ceil(height)));
  }
  svg.removeAttribute('style');
  // Mermaid names edges and participants by their own names (`L_a_b_0`, `App`): prefix every id
  // with the diagram's, and every reference to it, so two diagrams never collide on one page.
  // Iconify names its gradients after the time the page loaded: they are numbered instead, so the
  // same diagram gives the same bytes in any browser.
  const renamed = new Map<string, string>();
  let icons = 0;
  for (const element of svg.querySelectorAll('[id]')) {
    if (element.id.startsWith(input.id)) continue;
    const local = element.id.startsWith('IconifyId') ? `icon${icons++}` : element.id;
    renamed.set(element.id, `${input.id}-${local}`);
    element.id = `${input.id}-${local}`;
  }
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const value = attribute.value
        .replace(/url\(#([^)]+)\)/g, (match, id: string) =>
          renamed.has(id) ? `url(#${renamed.get(id)})` : match,
        )
        .replace(/^#(.+)$/, (match, id: string) =>
          renamed.has(id) ? `#${renamed.get(id)}` : match,
        );
      if (value !== attribute.value) element.setAttribute(attribute.name, value);
    }
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('xml:space', 'preserve');
  const ns = 'http://www.w3.org/2000/svg';
  for (const [tag, value] of [
    ['title', input.text.title],
    ['desc', input.text.description],
  ] as const) {
    let element = svg.querySelector(`:scope > ${tag}`);
    if (!element) {
      element = document.createElementNS(ns, tag);
      svg.prepend(element);
    }
    element.id = `${input.id}-${tag}`;
    element.textContent = value;
  }
  // Mermaid draws edge-label backgrounds half transparent: the line shows through the words.
  const style = document.createElementNS(ns, 'style');
  style.textContent = `#${input.id} .edgeLabel rect, #${input.id} .labelBkg { opacity: 1 !important; }`;
  svg.append(style);
  svg.setAttribute('aria-labelledby', `${input.id}-title`);
  svg.setAttribute('aria-describedby', `${input.id}-desc`);
  svg.removeAttribute('aria-roledescription');
  return { svg: new XMLSerializer().serializeToString(svg) };
}
