/**
 * A rendered diagram made lighter for the site, which inlines it twice per page (light and dark)
 * and serves it as the full-size file: the page's size is what a phone waits for before its first
 * paint (Lighthouse simulates 1.6 Mbps).
 *
 * - Mermaid's coordinates keep two decimals: it writes up to 17 significant digits, which gzip
 *   hardly compresses, and a hundredth of a CSS px is below what any zoom of the full-size view
 *   shows. The icons, nested `<svg>`s, are left alone: their paths are already short, and packed
 *   (`a8.6 8.6 0 014.533-3.985` holds two arc flags and a number), so no regex may touch them.
 * - `data-points` (Mermaid's copy of each edge's points, base64 JSON) goes: nothing on the page
 *   reads it, and the edge's `d` draws it.
 * - A line of a label is one `<tspan>`, not one per word: the same text, a quarter fewer elements
 *   for the phone to parse and lay out.
 *
 * Together they halve the gzipped Stories diagram (50.0 kB to 26.5 kB). The renderer's output,
 * which the export hands in and the layout tests measure, is left as it is.
 */
export function diagramForPage(svg: string): string {
  const rootEnd = svg.indexOf('>') + 1;
  // The root's tag, then each stretch of Mermaid's markup up to the next nested icon.
  return (
    svg.slice(0, rootEnd).replace(longDecimal, rounded) +
    svg
      .slice(rootEnd)
      .split(/(<svg\b[\s\S]*?<\/svg>)/)
      .map((part, index) => (index % 2 === 1 ? part : lighter(part)))
      .join('')
  );
}

/** A number with more than two decimals, not one packed after arc flags (`014.533`). */
const longDecimal = /(?<![\d.])-?(?:0|[1-9]\d*)?\.\d{3,}/g;

/** The number to two decimals, kept apart from a packed next one (`-.001.045` is `0 .045`). */
function rounded(number: string, offset: number, tag: string): string {
  const short = String(Number(Number(number).toFixed(2)));
  return tag[offset + number.length] === '.' && !short.includes('.') ? `${short} ` : short;
}

/** Two runs of text in a row, styled alike: Mermaid writes a `<tspan>` per word. */
const twoRuns = /<tspan ([^>]*)>([^<]*)<\/tspan><tspan \1>([^<]*)<\/tspan>/g;

function lighter(markup: string): string {
  let merged = markup.replace(/<[a-zA-Z][^>]*>/g, (tag) =>
    tag.replace(/ data-points="[^"]*"/g, '').replace(longDecimal, rounded),
  );
  // Each pass halves the runs of a line, until each line is one run.
  for (let before = ''; before !== merged;) {
    before = merged;
    merged = merged.replace(twoRuns, '<tspan $1>$2$3</tspan>');
  }
  return merged;
}

/** What a diagram's dark rendering adds to its file's name: `/diagrams/<name>.dark.svg`. */
export const darkSuffix = '.dark';
