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

  it.each(['aws-part-1', 'aws-topology'])('%s ends every edge on a node', async (name) => {
    expect(measureDiagram(await svgOf(name)).edgesOnClusters).toEqual([]);
  });

  it.each(['instagram-stories', 'instagram-stories.es'])(
    '%s ends every edge on a node',
    async (name) => {
      expect(measureDiagram(await svgOf(name)).edgesOnClusters).toEqual([]);
    },
  );

  it.each(['instagram-stories', 'instagram-stories.es'])(
    '%s numbers each step once, 1 to N',
    async (name) => {
      const steps = measureDiagram(await svgOf(name)).steps.map(({ n }) => n);
      expect(steps).toEqual(steps.map((_, i) => i + 1));
      expect(steps.length).toBeGreaterThanOrEqual(10);
    },
  );

  it.each(['instagram-stories', 'instagram-stories.es'])(
    '%s places its steps in reading order',
    async (name) => {
      expect(stepsOutOfOrder(measureDiagram(await svgOf(name)).steps)).toEqual([]);
    },
  );

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

/**
 * The PDF's first landscape page, the architecture diagram's, rasterized at 72 dpi (one pixel a
 * point), and the size on it of a 16 px label of that diagram: its ink width on paper against its
 * ink width in the exported PNG, back in CSS px. Also every landscape page the PDF has.
 */
async function onPaper(pdfName: string, png: string, svg: string) {
  const pdf = join(submissionDir, 'pdf', pdfName);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '99', pdf]);
  const sizes = [...stdout.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map(
    ([, page, w, h]) => ({ page: Number(page), width: Number(w), height: Number(h) }),
  );
  const landscape = sizes.filter(({ width, height }) => width > height);
  if (landscape.length === 0) return { landscape, labelPt: 0 };
  const { page } = landscape[0]!;
  const out = join(await tempDir('pdf-page'), 'page');
  await run('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    '72',
    '-gray',
    // PNG: sharp reads no PGM, the format pdftoppm writes by default.
    '-png',
    '-singlefile',
    pdf,
    out,
  ]);
  const pagePixels = await sharp(`${out}.png`)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const inkOnPaper = inkWidth(pagePixels.data, pagePixels.info.width, pagePixels.info.height);
  const cssWidth = svgSize(svg).width;
  const pngPixels = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const inkInCss =
    (inkWidth(pngPixels.data, pngPixels.info.width, pngPixels.info.height) * cssWidth) /
    pngPixels.info.width;
  return { landscape, labelPt: (16 * inkOnPaper) / inkInCss };
}

describe('the architecture diagrams on paper', () => {
  // The flowchart, then the read path's sequence diagram, each on a landscape page of its own.
  it.each([
    ['English', 'cloud-computing.pdf', 'instagram-stories-architecture'],
    ['Spanish', 'cloud-computing.es.pdf', 'instagram-stories-architecture-es'],
  ])(
    'Stories in %s prints on an A4 landscape page of its own, its 16 px labels at 6 pt or more',
    async (_lang, pdf, file) => {
      const base = join(submissionDir, 'cloud-computing', file);
      const { landscape, labelPt } = await onPaper(
        pdf,
        `${base}.png`,
        await readFile(`${base}.svg`, 'utf8'),
      );
      expect(landscape.map(({ width, height }) => [Math.round(width), Math.round(height)])).toEqual(
        [
          [842, 595],
          [842, 595],
        ],
      );
      expect(labelPt, `${labelPt.toFixed(2)} pt`).toBeGreaterThanOrEqual(6);
    },
  );

  it.each([
    ['Part 1', 'devops-part-1.pdf', 'devops/part-1/architecture.png', 'aws-part-1'],
    ['Part 2', 'devops-part-2.pdf', 'devops/part-2/topology.png', 'aws-topology'],
  ])(
    '%s prints on an A4 landscape page of its own, its 16 px labels at 6 pt or more',
    async (_name, pdf, png, diagram) => {
      const { landscape, labelPt } = await onPaper(
        pdf,
        join(submissionDir, png),
        await svgOf(diagram),
      );
      expect(landscape.map(({ width, height }) => [Math.round(width), Math.round(height)])).toEqual(
        [[842, 595]],
      );
      expect(labelPt, `${labelPt.toFixed(2)} pt`).toBeGreaterThanOrEqual(6);
    },
  );
});
