/**
 * Turns a diagram laid out in one Mermaid theme into the same diagram in another, without laying
 * it out again: a theme changes colours, not geometry, for the diagram types below (checked on
 * every diagram of the repository, byte for byte against Mermaid's own rendering in the theme).
 *
 * What a theme decides in Mermaid's SVG, and where the other theme's value comes from:
 * - the `<style>` element (the theme's CSS, scoped to the SVG's id) and the look's `<defs>` (the
 *   drop-shadow filters' flood colour, the dark theme's gradient): from a probe, the diagram's
 *   header alone (frontmatter, directives, type line) rendered in each theme with the SVG's id.
 *   The probe in the first theme must give the very parts the diagram holds, or the diagram
 *   depends on more than its header (a `classDef`) and is not rethemed;
 * - in a flowchart, the colours Mermaid writes on the shapes it draws (a node's fill and border,
 *   an icon's colour): each the value of one of `shapeVariables`, swapped for the same variable's
 *   value in the other theme. The icons' own drawings keep their colours.
 */

/** What a render in one theme tells about that theme. */
export interface ThemeParts {
  /** The SVG's id in this theme (every id and CSS selector of the diagram starts with it). */
  id: string;
  /** Mermaid's name for the diagram's type (`flowchart-elk`, `sequence`). */
  type: string;
  /** The probe, `probeSource(source)`, rendered in this theme with the SVG's id. */
  probe: string;
  /** Mermaid's theme variables, resolved for this theme. */
  variables: Record<string, unknown>;
}

/**
 * The types whose theme changes only what is swapped here. A sequence diagram writes no colour of
 * its theme on its shapes (its `fill` and `stroke` attributes are the same in every theme, and
 * its CSS wins over them).
 */
const recoloured: Record<string, 'shapes' | 'none'> = {
  'flowchart-v2': 'shapes',
  'flowchart-elk': 'shapes',
  flowchart: 'shapes',
  sequence: 'none',
};

/**
 * The theme variables Mermaid's flowchart shapes write on the shapes they draw (read from
 * `src/rendering-util/rendering-elements/shapes/` of Mermaid 12): only these are swapped, as the
 * same colour stands for other variables elsewhere (`#ECECFF` is also `pie1`, which the dark theme
 * makes another colour than `mainBkg`).
 */
const shapeVariables = [
  'mainBkg',
  'nodeBorder',
  'background',
  'lineColor',
  'nodeShadow',
  'stateBorder',
  'clusterBkg',
  'clusterBorder',
  'noteBkgColor',
  'noteBorderColor',
  'secondaryBorderColor',
  'flowContainerStroke',
  'rowEven',
  'rowOdd',
  'requirementEdgeLabelBackground',
];

/**
 * The part of a diagram's source that its theme's CSS depends on: the frontmatter, the directives
 * and comments before the type line, and the type line, with nothing drawn.
 */
export function probeSource(source: string): string {
  const lines = source.split('\n');
  let line = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((text, index) => index > 0 && /^---\s*$/.test(text));
    line = end + 1;
  }
  while (line < lines.length && (!lines[line]!.trim() || lines[line]!.trim().startsWith('%%')))
    line++;
  return lines.slice(0, line + 1).join('\n') + '\n';
}

/** The diagram in the other theme, or why it cannot be derived (then lay it out in that theme). */
export function retheme(
  svg: string,
  from: ThemeParts,
  to: ThemeParts,
): { svg: string } | { refused: string } {
  const kind = recoloured[from.type];
  if (!kind || to.type !== from.type)
    return { refused: `Mermaid's ${from.type} diagrams are not known to keep their layout` };

  let refusal: string | undefined;
  const swaps =
    kind === 'shapes' ? colourSwaps(from.variables, to.variables) : new Map<never, never>();
  /** The colours of the shapes Mermaid draws, from one theme's variables to the other's. */
  const recolour = (markup: string) =>
    outsideNestedSvg(markup, (tag) =>
      tag.replace(
        /((?:^|\s)(?:fill|stroke|stop-color|flood-color|color)="|(?:"|;\s*)(?:fill|stroke|stop-color|flood-color|color):\s*)([^";]*?)(?=\s*[";])/g,
        (match, start: string, value: string) => {
          const swapped = swaps.get(value);
          if (swapped === undefined) return match;
          if (swapped === ambiguous) {
            refusal ??= `the colour ${value} stands for theme variables that differ in the other theme`;
            return match;
          }
          return start + swapped;
        },
      ),
    );

  let result = recolour(svg);
  const parts: [string, (svg: string, id: string) => string | undefined][] = [
    ['<style>', mermaidStyle],
    ['look <defs>', lookDefs],
  ];
  for (const [name, part] of parts) {
    const before = part(from.probe, from.id);
    const after = part(to.probe, to.id);
    if (!before) {
      if (after) return { refused: `the ${name} of the other theme has nowhere to go` };
      continue;
    }
    const recoloured = recolour(before);
    const at = result.indexOf(recoloured);
    if (at < 0 || result.indexOf(recoloured, at + 1) >= 0)
      return {
        refused: `the diagram's ${name} is not the probe's: it depends on more than its header`,
      };
    result = result.slice(0, at) + after + result.slice(at + recoloured.length);
  }
  if (refusal) return { refused: refusal };

  return { svg: result.replaceAll(from.id, to.id) };
}

/** Mermaid's `<style>` element: the first of the SVG (the renderer appends its own after it). */
function mermaidStyle(svg: string): string | undefined {
  return /<style>[\s\S]*?<\/style>/.exec(svg)?.[0];
}

/** The drop-shadow filters and the gradient Mermaid's look adds, each in `<defs>` of its own. */
function lookDefs(svg: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `(?:<defs><filter id="${escaped}-drop-shadow[\\w-]*"[\\s\\S]*?</filter></defs>)+` +
      `(?:<linearGradient id="${escaped}-gradient"[\\s\\S]*?</linearGradient>)?`,
  ).exec(svg)?.[0];
}

const ambiguous = Symbol('ambiguous');

/** Each colour of a shape variable in `from`, and the colour of the same variable in `to`. */
function colourSwaps(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
): Map<string, string | typeof ambiguous> {
  const swaps = new Map<string, string | typeof ambiguous>();
  for (const name of shapeVariables) {
    const [value, other] = [from[name], to[name]];
    if (typeof value !== 'string' || typeof other !== 'string' || !isColour(value)) continue;
    const known = swaps.get(value);
    if (known === undefined) swaps.set(value, other);
    else if (known !== other) swaps.set(value, ambiguous);
  }
  // A colour no variable changes needs no swap, even where variables disagree.
  for (const [value, other] of swaps) if (other === value) swaps.delete(value);
  return swaps;
}

function isColour(value: string): boolean {
  return (
    /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\(.*\)|[a-z]+)$/i.test(value.trim()) &&
    !/^(none|transparent|currentcolor|inherit|true|false|calculated)$/i.test(value.trim())
  );
}

/**
 * Applies `edit` to every start tag of the SVG but those inside an SVG nested in it (an icon's
 * drawing, whose colours are its own).
 */
function outsideNestedSvg(svg: string, edit: (tag: string) => string): string {
  let depth = 0;
  return svg.replace(/<(\/?)(svg\b)?[^>]*>/g, (tag, closing: string, isSvg: string | undefined) => {
    if (isSvg) {
      if (closing) depth--;
      else if (!tag.endsWith('/>')) depth++;
      return depth === 0 || (depth === 1 && !closing) ? edit(tag) : tag;
    }
    return closing || depth > 1 ? tag : edit(tag);
  });
}
