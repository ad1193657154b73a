import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureDiagram, stepsOutOfOrder } from '../src/lib/diagrams/measure.ts';
import { svgSize } from '../src/lib/diagrams/render.ts';
import { sharedExport } from './helpers/shared-export.ts';
import { tempDir } from './helpers/temp.ts';

const { siteDir, submissionDir } = await sharedExport();
/** The diagrams as the site serves them full size: the light rendering, as exported. */
const svgOf = (name: string) => readFile(join(siteDir, 'diagrams', `${name}.svg`), 'utf8');

/** What each architecture diagram may show at most, from issue 21. */
const limits = {
  'aws-part-1': { crossings: 0 },
  'aws-topology': { crossings: 0 },
  'instagram-stories': { crossings: 2, maxWords: 250 },
  'instagram-stories.es': { crossings: 2 },
};

describe('the architecture diagrams as drawn', () => {
  it.each(['aws-part-1', 'aws-topology', 'instagram-stories', 'instagram-stories.es'] as const)(
    '%s has no more crossing edges than its limit',
    async (name) => {
      const { crossings } = measureDiagram(await svgOf(name));
      expect(crossings.length, JSON.stringify(crossings)).toBeLessThanOrEqual(
        limits[name].crossings,
      );
    },
  );

  it('aws-part-1 ends every edge on a node', async () => {
    expect(measureDiagram(await svgOf('aws-part-1')).edgesOnClusters).toEqual([]);
  });

  it.each(['instagram-stories', 'instagram-stories.es'])(
    '%s ends every edge on a node',
    async (name) => {
      expect(measureDiagram(await svgOf(name)).edgesOnClusters).toEqual([]);
    },
  );

  // Known short of issue 21: Part 2 still hands off from box to box, which ELK needs to lay its
  // rows out side by side.
  it.fails.each(['aws-topology'])('%s ends every edge on a node', async (name) => {
    expect(measureDiagram(await svgOf(name)).edgesOnClusters).toEqual([]);
  });

  it.each(['instagram-stories', 'instagram-stories.es'])(
    '%s numbers each step once, 1 to N',
    async (name) => {
      const steps = measureDiagram(await svgOf(name)).steps.map(({ n }) => n);
      expect(steps).toEqual(steps.map((_, i) => i + 1));
      expect(steps.length).toBeGreaterThanOrEqual(10);
    },
  );

  // Known short of issue 21: ELK puts the S3 upload (3) above sign-in and the upload API (1, 2),
  // and CloudFront (9) above the tray API (8); no layout option of Mermaid 12.3 orders them.
  it.fails('instagram-stories places its steps in reading order', async () => {
    expect(stepsOutOfOrder(measureDiagram(await svgOf('instagram-stories')).steps)).toEqual([]);
  });

  it('instagram-stories carries 250 words of labels or fewer', async () => {
    expect(measureDiagram(await svgOf('instagram-stories')).words).toBeLessThanOrEqual(
      limits['instagram-stories'].maxWords,
    );
  });

  it('draws the same edges and steps in Spanish as in English', async () => {
    const [en, es] = await Promise.all([svgOf('instagram-stories'), svgOf('instagram-stories.es')]);
    const edges = (svg: string) =>
      [...svg.matchAll(/data-id="(L_[^"]+)"/g)].map((m) => m[1]).sort();
    expect(edges(es)).toEqual(edges(en));
    const steps = (svg: string) => measureDiagram(svg).steps.map(({ n }) => n);
    expect(steps(es)).toEqual(steps(en));
  });
});

const run = promisify(execFile);

/** Columns of `raw` (one grey byte a pixel) with a pixel darker than the white paper. */
function inkWidth(raw: Buffer, width: number, height: number): number {
  let [left, right] = [width, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (raw[y * width + x]! < 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return right - left + 1;
}

describe('the Stories diagram on paper', () => {
  // At most about 2100 CSS px wide across 281 mm, the 16 px labels print at 6 pt or more.
  it.each([
    ['en', '', ''],
    ['es', '.es', '-es'],
  ])(
    '%s: prints on an A4 landscape page of its own, its 16 px labels at 6 pt or more',
    async (_lang, pdfSuffix, pngSuffix) => {
      const pdf = join(submissionDir, 'pdf', `cloud-computing${pdfSuffix}.pdf`);
      const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '99', pdf]);
      const sizes = [...stdout.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map(
        ([, page, w, h]) => ({ page: Number(page), width: Number(w), height: Number(h) }),
      );
      const landscape = sizes.filter(({ width, height }) => width > height);
      // The flowchart, then the read path's sequence diagram, each on a landscape page of its own.
      expect(landscape).toHaveLength(2);
      const [{ page, width, height }] = landscape as [(typeof sizes)[number]];
      expect(Math.round(width)).toBe(842);
      expect(Math.round(height)).toBe(595);
      // At 72 dpi one pixel of the page is one point.
      const out = join(await tempDir('pdf-page'), 'page');
      await run('pdftoppm', [
        '-f',
        String(page),
        '-l',
        String(page),
        '-r',
        '72',
        '-png',
        '-gray',
        '-singlefile',
        pdf,
        out,
      ]);
      const pagePixels = await sharp(`${out}.png`)
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const inkOnPaper = inkWidth(pagePixels.data, pagePixels.info.width, pagePixels.info.height);
      // The same diagram's ink in the exported PNG, back in CSS px.
      const base = join(
        submissionDir,
        'cloud-computing',
        `instagram-stories-architecture${pngSuffix}`,
      );
      const cssWidth = svgSize(await readFile(`${base}.svg`, 'utf8')).width;
      const png = await sharp(`${base}.png`)
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const inkInCss =
        (inkWidth(png.data, png.info.width, png.info.height) * cssWidth) / png.info.width;
      const pointsPerCssPx = inkOnPaper / inkInCss;
      expect(16 * pointsPerCssPx).toBeGreaterThanOrEqual(6);
    },
  );
});
