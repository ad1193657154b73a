import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.ts';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { DiagramRenderer } from '../src/lib/diagrams/render.ts';
import { diagramForPage } from '../src/site/diagram-markup.ts';
import { root } from './helpers/root.ts';
import { sharedSite } from './helpers/shared-export.ts';

/** The numbers of a path or a list of points, read as SVG reads them (`.001.045` is two). */
const numbers = (data: string) =>
  [...data.matchAll(/[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));

/** Every `d`, `points` and `transform` of the markup, in order. */
const geometry = (svg: string) =>
  [...svg.matchAll(/ (?:d|points|transform)="([^"]*)"/g)].map((m) => numbers(m[1]!));

const text = (svg: string) => svg.replace(/<[^>]*>/g, '');

// The renderings come from the cache the shared export filled before it built its site: no browser
// starts here.
await sharedSite();
const session = new BrowserSession();
const renderer = new DiagramRenderer({
  session,
  cacheDir: resolveConfig({}, {}, { root, argv: [] }).diagramCacheDir,
});
afterAll(() => session.close());
const names = (await readdir(join(root, 'diagrams'))).filter((name) => name.endsWith('.mmd'));

describe('a diagram as the site embeds it', () => {
  it('keeps packed numbers apart when one rounds to an integer', () => {
    // From an icon's path: `-.001` rounds to 0, which must not swallow `.045`.
    const svg = '<svg id="x"><path d="M12.26.001v17l-.001.045-.0042.0451"/></svg>';
    const page = diagramForPage(svg);
    expect(numbers(page)).toHaveLength(numbers(svg).length);
    expect(page).toContain('l0 .045');
  });

  it.each(names.flatMap((name) => [`${name} default`, `${name} dark`]))(
    '%s: the same shapes to a hundredth of a px, the same text, fewer bytes',
    async (which) => {
      const [name, theme] = which.split(' ') as [string, 'default' | 'dark'];
      const file = join(root, 'diagrams', name);
      const svg = await renderer.svg({ file, source: await readFile(file, 'utf8') }, theme);
      const page = diagramForPage(svg);
      const [before, after] = [geometry(svg), geometry(page)];
      expect(after.map((n) => n.length)).toEqual(before.map((n) => n.length));
      after.forEach((list, i) =>
        list.forEach((n, j) => expect(Math.abs(n - before[i]![j]!)).toBeLessThan(0.0051)),
      );
      expect(text(page)).toBe(text(svg));
      expect(page.length).toBeLessThan(svg.length);
    },
  );
});
