import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { accessibleText } from '../src/lib/diagrams/accessibility.ts';
import { closeNames, iconName, iconsFor } from '../src/lib/diagrams/icons.ts';
import { themeVariables } from '../src/lib/diagrams/mermaid-config.ts';
import { DiagramRenderer, svgSize, type DiagramSource } from '../src/lib/diagrams/render.ts';
import { tempDir } from './helpers/temp.ts';

const fixture = (name: string): DiagramSource => ({
  file: `tests/fixtures/diagrams/${name}.mmd`,
  source: readFileSync(new URL(`./fixtures/diagrams/${name}.mmd`, import.meta.url), 'utf8'),
});
const cache = () => tempDir('diagram-cache');

const browserDirs: string[] = [];
afterAll(() => Promise.all(browserDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A renderer in a browser session of its own, whose browser keeps its temporary folder in a fresh
 * folder, so a test sees from outside whether it launched one and whether any of it survives.
 */
async function isolated(options: { timeoutMs?: number; cacheDir?: string; tabs?: number } = {}) {
  // Short: Chromium's sockets live in it, and a socket's path may not exceed 107 bytes.
  const browserDir = await mkdtemp(join(tmpdir(), 'kb-'));
  browserDirs.push(browserDir);
  const session = new BrowserSession({ tempDir: browserDir });
  const cacheDir = options.cacheDir ?? (await cache());
  const renderer = new DiagramRenderer({ session, cacheDir, ...options });
  const close = async () => {
    await renderer.close();
    await session.close();
  };
  return { browserDir, session, cacheDir, renderer, close };
}

/** How many browsers were started with their temporary folder in `dir`, and are still open. */
const launched = (dir: string) =>
  readdirSync(dir).filter((name) => name.startsWith('submission-kit-chromium-')).length;

/** The processes still running with `dir` on their command line. */
function survivors(dir: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes(dir) ? [pid] : [];
      } catch {
        return [];
      }
    });
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('accessible text', () => {
  it('reads accTitle and a one-line or block accDescr', () => {
    expect(accessibleText(fixture('sequence').source, 's.mmd')).toEqual({
      title: 'Reading a tray',
      description: 'The app asks the API for a tray and gets it back.',
    });
  });

  it('refuses a diagram without them, naming the file and the fix', () => {
    expect(() => accessibleText('flowchart LR\n  A --> B\n', 'x.mmd')).toThrow(
      /x\.mmd:2: the diagram has no accTitle\n {2}Fix: add a line `accTitle:/,
    );
    expect(() => accessibleText('flowchart LR\n  accTitle: T\n  A --> B\n', 'x.mmd')).toThrow(
      /x\.mmd:2: the diagram has no accDescr/,
    );
  });
});

describe('icons', () => {
  it('hands Mermaid only the official AWS icons the diagram names, converted', () => {
    const pack = iconsFor(fixture('flowchart-icons').source, 'f.mmd');
    expect(pack?.prefix).toBe('aws');
    expect(Object.keys(pack?.icons ?? {}).sort()).toEqual([
      'cloudfront',
      'lambda',
      'simplestorageservice',
    ]);
    // The official artwork: Lambda's orange square, 64 units wide, with no ids to collide.
    expect(pack?.icons.lambda?.body).toMatch(/#ed7100/i);
    expect(pack?.icons.lambda?.width ?? pack?.width).toBe(64);
    expect(pack?.icons.lambda?.body).not.toMatch(/\sid=/);
    expect(iconsFor('flowchart LR\n  A --> B', 'f.mmd')).toBeUndefined();
  });

  it('names icons after the official files', () => {
    expect(iconName('AWSElementalMediaConvert.svg')).toBe('elementalmediaconvert');
    expect(iconName('AmazonRekognition.svg')).toBe('rekognition');
    expect(iconName('AmazonSimpleQueueService.svg')).toBe('simplequeueservice');
  });

  it('refuses an unknown icon at its line, with the closest names', () => {
    expect(() =>
      iconsFor('flowchart LR\n  A --> B\n  B@{ icon: "aws:dynamo", label: "x" }\n', 'f.mmd'),
    ).toThrow(
      /^f\.mmd:3: the icon “aws:dynamo” is not one of the official AWS Architecture Icons[^]*closest are aws:dynamodb, /,
    );
    // A name from the old pack points at its official successor.
    expect(() => iconsFor('flowchart LR\n  B@{ icon: "logos:aws-sqs" }\n', 'f.mmd')).toThrow(
      /f\.mmd:2: [^]*closest are aws:simplequeueservice, /,
    );
    expect(closeNames('logos:aws-s3')[0]).toBe('simplestorageservice');
  });
});

describe('the renderer', () => {
  let shared: Awaited<ReturnType<typeof isolated>>;
  let renderer: DiagramRenderer;
  beforeAll(async () => {
    shared = await isolated();
    renderer = shared.renderer;
  });
  afterAll(() => shared.close());

  it.each(['flowchart-icons', 'sequence'])(
    'renders %s as standalone, accessible SVG',
    async (name) => {
      const diagram = fixture(name);
      const [light, dark] = [await renderer.svg(diagram), await renderer.svg(diagram, 'dark')];
      const { title, description } = accessibleText(diagram.source, diagram.file);
      for (const svg of [light, dark]) {
        expect(svg).not.toContain('foreignObject');
        expect(svg).toMatch(/^<svg [^>]*role="img"/);
        expect(svg).toMatch(/^<svg [^>]*xml:space="preserve"/);
        const { width, height } = svgSize(svg);
        expect(width).toBeGreaterThan(100);
        expect(height).toBeGreaterThan(50);
        const page = await shared.session.newPage();
        const parsed = await page.evaluate((markup) => {
          const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
          const root = doc.documentElement;
          const byId = (id: string | null) =>
            id ? doc.getElementById(id)?.textContent : undefined;
          return {
            error: doc.querySelector('parsererror')?.textContent ?? null,
            title: byId(root.getAttribute('aria-labelledby')),
            desc: byId(root.getAttribute('aria-describedby')),
            ids: [...doc.querySelectorAll('[id]')].map((e) => e.id),
          };
        }, svg);
        await page.close();
        expect(parsed.error).toBeNull();
        expect(parsed.title).toBe(title);
        expect(parsed.desc).toBe(description);
        expect(new Set(parsed.ids).size).toBe(parsed.ids.length);
      }
      const idsOf = (svg: string) => new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      const lightIds = idsOf(light);
      expect([...idsOf(dark)].filter((id) => lightIds.has(id))).toEqual([]);
    },
  );

  it('gives two diagrams no id in common, so they can share a page', async () => {
    const ids = async (name: string) =>
      new Set(
        [...(await renderer.svg(fixture(name))).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]),
      );
    const a = await ids('flowchart-icons');
    expect([...(await ids('sequence'))].filter((id) => a.has(id))).toEqual([]);
  });

  it('keeps each theme apart when renders and PNGs overlap, in one browser', async () => {
    // A renderer of its own, in two tabs, so both open under all nine jobs at once, in the shared
    // browser: the themes stay apart within a tab and across the two.
    const fresh = new DiagramRenderer({
      session: shared.session,
      cacheDir: await cache(),
      tabs: 2,
    });
    const flowchart = fixture('flowchart-icons');
    const variants = [0, 1, 2].map((n) => ({
      ...flowchart,
      source: `${flowchart.source}%% ${n}\n`,
    }));
    const jobs = variants.flatMap((diagram) => [
      fresh.svg(diagram, 'default'),
      fresh.svg(diagram, 'dark'),
      fresh.png(diagram),
    ]);
    const results = (await Promise.all(jobs)).map(String);
    expect(launched(shared.browserDir)).toBe(1);
    await fresh.close();
    const darkBackground = themeVariables.dark.edgeLabelBackground!;
    results.forEach((result, index) => {
      if (index % 3 === 0) expect(result).not.toContain(darkBackground);
      if (index % 3 === 1) expect(result).toContain(darkBackground);
    });
  });

  it('draws a head at the start of an edge written `a <--- b`, which Mermaid draws with none', async () => {
    const svg = await renderer.svg({
      file: 'heads.mmd',
      source: [
        'flowchart LR',
        '  accTitle: Heads',
        '  accDescr: Edges with a head at the start, at both ends, or none.',
        '  a <---|writes| b',
        '  c <-.- d',
        '  e <--> f',
        '  g --- h',
        '  i --> j',
      ].join('\n'),
    });
    const markers = (edge: string) => {
      const path = new RegExp(`<path [^>]*data-id="L_${edge}_0"[^>]*>`).exec(svg)?.[0] ?? '';
      expect(path, edge).not.toBe('');
      const url = (name: string) =>
        /#[^)]*flowchart-v2-(\w+)/.exec(path.match(new RegExp(`${name}="[^"]*"`))?.[0] ?? '')?.[1];
      return [url('marker-start'), url('marker-end')];
    };
    expect(markers('a_b')).toEqual(['pointStart', undefined]);
    expect(markers('c_d')).toEqual(['pointStart', undefined]);
    expect(markers('e_f')).toEqual(['pointStart', 'pointEnd']);
    expect(markers('g_h')).toEqual([undefined, undefined]);
    expect(markers('i_j')).toEqual([undefined, 'pointEnd']);
    // Its head stops 4 px short of the node, as Mermaid's own heads do, not under its label.
    const edge = /<path [^>]*data-id="L_a_b_0"[^>]*>/.exec(svg)![0];
    const [first] = JSON.parse(
      Buffer.from(/data-points="([^"]+)"/.exec(edge)![1]!, 'base64').toString(),
    ) as { x: number; y: number }[];
    const [x, y] = /\bd="M\s*([-\d.e]+)[ ,]([-\d.e]+)/.exec(edge)!.slice(1).map(Number);
    expect(Math.hypot(x! - first!.x, y! - first!.y)).toBeCloseTo(4, 1);
  });

  it('makes a PNG at least 1600 px wide and at scale 2 or more', async () => {
    const diagram = fixture('flowchart-icons');
    const png = await renderer.png(diagram);
    const { width, height } = pngSize(png);
    const svg = svgSize(await renderer.svg(diagram));
    expect(width).toBeGreaterThanOrEqual(1600);
    expect(width).toBeGreaterThanOrEqual(2 * svg.width - 2);
    expect(height / width).toBeCloseTo(svg.height / svg.width, 1);
  });

  it('draws the same bytes in a fresh browser as in one that has drawn others, so a cold export matches a warm one', async () => {
    const stories: DiagramSource = {
      file: 'diagrams/instagram-stories.mmd',
      source: readFileSync(new URL('../diagrams/instagram-stories.mmd', import.meta.url), 'utf8'),
    };
    const fresh = await isolated();
    const first = await fresh.renderer.svg(stories);
    expect(launched(fresh.browserDir)).toBe(1);
    await fresh.close();
    // The shared browser has rendered the fixtures, in both themes, before this.
    expect(await renderer.svg(stories)).toBe(first);
  });

  it('takes the PNG as a page drawing the SVG at scale 2 from the start does, whatever the renderer laid out', async () => {
    // Chromium keeps a font's metrics as a page first laid it out: in the tab that laid the diagram
    // out at scale 1, a sequence diagram's centred labels would be drawn a pixel lower.
    const sequence = { ...fixture('sequence'), source: `${fixture('sequence').source}%% png\n` };
    const fresh = new DiagramRenderer({ session: shared.session, cacheDir: await cache() });
    await fresh.png(fixture('flowchart-icons'));
    const png = await fresh.png(sequence);
    const svg = await fresh.svg(sequence);
    await fresh.close();
    const page = await shared.session.newPage({ type: 'window' });
    const { width, height } = svgSize(svg);
    await page.setViewport({ width, height, deviceScaleFactor: Math.max(2, 1600 / width) });
    await page.setContent(`<!doctype html><body style="margin:0;background:#fff">${svg}`);
    const expected = await page.screenshot({
      clip: { x: 0, y: 0, width, height },
      captureBeyondViewport: false,
    });
    await page.close();
    expect(Buffer.from(png).equals(Buffer.from(expected))).toBe(true);
  });

  it("numbers a sequence diagram's participants the same in any tab, whatever it drew before", async () => {
    // Mermaid counts participants on from every one the tab has drawn; the shared renderer has
    // drawn this fixture in both themes, in either of its tabs, before this.
    const sequence = { ...fixture('sequence'), source: `${fixture('sequence').source}%% again\n` };
    const fresh = await isolated({ tabs: 1 });
    const first = await fresh.renderer.svg(sequence);
    await fresh.close();
    expect(first).toMatch(/-actor0"/);
    expect(await renderer.svg(sequence)).toBe(first);
  });

  it('does not render an unchanged diagram again: a warm run launches no browser', async () => {
    const cacheDir = await cache();
    // Filled by a renderer in the shared browser: the warm run below is what is watched.
    const cold = new DiagramRenderer({ session: shared.session, cacheDir });
    const first = await cold.svg(fixture('sequence'));
    await cold.png(fixture('sequence'));
    expect(launched(shared.browserDir)).toBe(1);
    await cold.close();

    const warm = await isolated({ cacheDir });
    expect(await warm.renderer.svg(fixture('sequence'))).toBe(first);
    await warm.renderer.png(fixture('sequence'));
    expect(launched(warm.browserDir)).toBe(0);

    const changed = {
      ...fixture('sequence'),
      source: fixture('sequence').source.replace('200 tray', '304'),
    };
    await warm.renderer.svg(changed);
    expect(launched(warm.browserDir)).toBe(1);
    await warm.close();
  });
});

describe('when a render fails', () => {
  it('a syntax error names the file, the line and Mermaid’s message, and leaves no Chromium', async () => {
    const { renderer, cacheDir, browserDir, close } = await isolated();
    await renderer.svg(fixture('sequence'));
    await expect(renderer.svg(fixture('syntax-error'))).rejects.toThrow(
      /tests\/fixtures\/diagrams\/syntax-error\.mmd:5: Mermaid cannot read this diagram: Parse error on line 5/,
    );
    // Only the good diagram's SVG is cached; nothing half-written is left.
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.svg$/)]);
    // Closed means gone: no helper process left, no folder (a helper on its way out could make one).
    await close();
    expect(survivors(browserDir)).toEqual([]);
    expect(readdirSync(browserDir)).toEqual([]);
  });

  it('a render that takes too long is stopped, and its Chromium with it', async () => {
    const { renderer, browserDir, close } = await isolated({ timeoutMs: 1 });
    await expect(renderer.svg(fixture('flowchart-icons'))).rejects.toThrow(
      /took longer than 1 ms; the browser was closed/,
    );
    // The launch may still be under way when the timeout fires: close() waits for it, then ends it.
    await close();
    expect(survivors(browserDir)).toEqual([]);
    expect(readdirSync(browserDir)).toEqual([]);
  });
});
