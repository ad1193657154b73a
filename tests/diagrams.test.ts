import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/lib/browser.ts';
import { accessibleText } from '../src/lib/diagrams/accessibility.ts';
import { closeNames, iconName, iconsFor } from '../src/lib/diagrams/icons.ts';
import {
  DiagramRenderer,
  svgSize,
  themeVariables,
  type DiagramSource,
} from '../src/lib/diagrams/render.ts';
import { tempDir } from './helpers/temp.ts';

const fixture = (name: string): DiagramSource => ({
  file: `tests/fixtures/diagrams/${name}.mmd`,
  source: readFileSync(new URL(`./fixtures/diagrams/${name}.mmd`, import.meta.url), 'utf8'),
});
const cache = () => tempDir('diagram-cache');

/** The processes still running with a given browser's profile on their command line. */
function survivors(renderer: DiagramRenderer): string[] {
  const profile = renderer.browserArgs.find((arg) => arg.startsWith('--user-data-dir='));
  if (!profile) throw new Error('the renderer never launched a browser');
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes(profile) ? [pid] : [];
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
  let renderer: DiagramRenderer;
  let browser: Browser;
  beforeAll(async () => {
    [renderer, browser] = [new DiagramRenderer({ cacheDir: await cache() }), await launchBrowser()];
  });
  afterAll(async () => {
    await Promise.all([renderer.close(), browser.close()]);
  });

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
        const page = await browser.newPage();
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

  it('keeps each theme apart when renders and PNGs overlap', async () => {
    const fresh = new DiagramRenderer({ cacheDir: await cache() });
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
    await fresh.close();
    const darkBackground = themeVariables.dark.edgeLabelBackground!;
    results.forEach((result, index) => {
      if (index % 3 === 0) expect(result).not.toContain(darkBackground);
      if (index % 3 === 1) expect(result).toContain(darkBackground);
    });
    expect(fresh.launches).toBe(1);
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

  it('draws the same bytes in two fresh browsers, so a cold export matches a warm one', async () => {
    const stories: DiagramSource = {
      file: 'diagrams/instagram-stories.mmd',
      source: readFileSync(new URL('../diagrams/instagram-stories.mmd', import.meta.url), 'utf8'),
    };
    const svgs: string[] = [];
    for (const run of [1, 2]) {
      const fresh = new DiagramRenderer({ cacheDir: await cache() });
      svgs.push(await fresh.svg(stories));
      await fresh.close();
      expect(fresh.launches, `run ${run}`).toBe(1);
    }
    expect(svgs[1]).toBe(svgs[0]);
  });

  it('does not render an unchanged diagram again: a warm run launches no browser', async () => {
    const dir = await cache();
    const cold = new DiagramRenderer({ cacheDir: dir });
    const first = await cold.svg(fixture('sequence'));
    await cold.png(fixture('sequence'));
    await cold.close();
    expect(cold.launches).toBe(1);

    const warm = new DiagramRenderer({ cacheDir: dir });
    expect(await warm.svg(fixture('sequence'))).toBe(first);
    await warm.png(fixture('sequence'));
    expect(warm.launches).toBe(0);

    const changed = {
      ...fixture('sequence'),
      source: fixture('sequence').source.replace('200 tray', '304'),
    };
    await warm.svg(changed);
    expect(warm.launches).toBe(1);
    await warm.close();
  });
});

describe('when a render fails', () => {
  it('a syntax error names the file, the line and Mermaid’s message, and leaves no Chromium', async () => {
    const renderer = new DiagramRenderer({ cacheDir: await cache() });
    await renderer.svg(fixture('sequence'));
    await expect(renderer.svg(fixture('syntax-error'))).rejects.toThrow(
      /tests\/fixtures\/diagrams\/syntax-error\.mmd:5: Mermaid cannot read this diagram: Parse error on line 5/,
    );
    // Only the good diagram's SVG is cached; nothing half-written is left.
    expect(readdirSync(renderer.cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.svg$/)]);
    await renderer.close();
    expect(survivors(renderer)).toEqual([]);
  });

  it('a render that takes too long is stopped, and its Chromium with it', async () => {
    const renderer = new DiagramRenderer({ cacheDir: await cache(), timeoutMs: 1 });
    await expect(renderer.svg(fixture('flowchart-icons'))).rejects.toThrow(
      /took longer than 1 ms; the browser was closed/,
    );
    // The launch may still be under way when the timeout fires: wait for it, then look.
    await renderer.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (renderer.browserArgs.length) expect(survivors(renderer)).toEqual([]);
  });
});
