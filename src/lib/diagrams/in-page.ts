import type { DiagramText } from './accessibility.ts';
import type { mermaidConfig, Theme } from './mermaid-config.ts';

export interface InPageInput {
  source: string;
  id: string;
  theme: Theme;
  icons: object | null;
  iconPrefix: string;
  config: typeof mermaidConfig;
  text: DiagramText;
  colors: Record<string, string>;
  /** The edges written `a <--- b`, as `[a, b]` (`edgesPointingBack`): their head goes on `a`. */
  pointingBack: [string, string][];
}

/**
 * Runs inside the page, so it carries its helpers with it: renders with the Mermaid the page was
 * given, then makes the SVG stand alone — size from its viewBox (Mermaid writes `width="100%"`),
 * ids of its own, `role="img"` named by its title and description, text spacing kept — and
 * serialises it as XML.
 */
export async function renderInPage(
  input: InPageInput,
): Promise<{ svg: string; type: string; variables: Record<string, unknown> } | { error: string }> {
  interface MermaidApi {
    initialize(config: object): void;
    detectType(source: string): string;
    mermaidAPI: { getConfig(): { themeVariables: Record<string, unknown> } };
    registerIconPacks(packs: { name: string; icons: object }[]): void;
    render(id: string, source: string): Promise<{ svg: string }>;
  }
  const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
  const ns = 'http://www.w3.org/2000/svg';

  /** Size from the viewBox, in whole pixels, and no inline style to fight the page's. */
  function sizeFromViewBox(svg: Element): void {
    const [, , width, height] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
    if (width && height) {
      svg.setAttribute('width', String(Math.ceil(width)));
      svg.setAttribute('height', String(Math.ceil(height)));
    }
    svg.removeAttribute('style');
  }

  /**
   * Mermaid names edges and participants by their own names (`L_a_b_0`, `App`): prefix every id
   * with the diagram's, and every reference to it, so two diagrams never collide on one page.
   * Iconify names its gradients after the time the page loaded: they are numbered instead, so the
   * same diagram gives the same bytes in any browser. A sequence diagram numbers its participants
   * (`actor17`, `root-17`) on from every one the tab has drawn: they are numbered from 0 in the
   * order drawn, so the same diagram gives the same bytes in any tab, whatever it drew before.
   */
  function prefixIds(svg: Element): void {
    const renamed = new Map<string, string>();
    let icons = 0;
    const actors = new Map<string, number>();
    const local = (id: string) => {
      if (id.startsWith('IconifyId')) return `icon${icons++}`;
      const actor = /^(actor|root-)(\d+)(_popup)?$/.exec(id);
      if (!actor) return id;
      const [, name, number, popup] = actor;
      if (!actors.has(number!)) actors.set(number!, actors.size);
      return `${name}${actors.get(number!)}${popup ?? ''}`;
    };
    for (const element of svg.querySelectorAll('[id]')) {
      if (element.id.startsWith(input.id)) continue;
      const renamedId = local(element.id);
      renamed.set(element.id, `${input.id}-${renamedId}`);
      element.id = `${input.id}-${renamedId}`;
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
  }

  /** An image named by its own title and description, as screen readers announce it. */
  function nameIt(svg: Element): void {
    svg.setAttribute('role', 'img');
    svg.setAttribute('xml:space', 'preserve');
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
  }

  /**
   * Mermaid has no arrow at the start only: it reads `a <--- b` as a line with no head at all. A
   * diagram writes an edge that way to lay it out from a to b while the data goes from b to a, so
   * it gets its head at a. Its line starts inside a's box, where a's label would hide the head: it
   * starts 4 px outside the box instead, as Mermaid ends a line before its own heads. Measured in
   * the page, so the SVG is in the document meanwhile.
   */
  function headAtStart(svg: SVGSVGElement): void {
    const head = svg.querySelector(`[id="${input.id}_flowchart-v2-pointStart-margin"]`);
    if (!head) return;
    for (const [to, from] of input.pointingBack) {
      const path = [...svg.querySelectorAll<SVGPathElement>('path[data-id]')].find(
        (edge) =>
          new RegExp(`^L_${to}_${from}_\\d+$`).test(edge.getAttribute('data-id')!) &&
          !edge.hasAttribute('marker-start') &&
          !edge.hasAttribute('marker-end'),
      );
      if (!path) continue;
      path.setAttribute('marker-start', `url(#${head.id})`);
      const node = [...svg.querySelectorAll<SVGGraphicsElement>('g[id]')].find((g) =>
        new RegExp(`^${input.id}-flowchart-${to}-\\d+$`).test(g.id),
      );
      if (node) startOutside(path, node);
    }
  }

  /**
   * Moves the first point of `path` along its first straight run (ELK often breaks it where a
   * column ends) to 4 px outside `node`'s box.
   */
  function startOutside(path: SVGPathElement, node: SVGGraphicsElement): void {
    const n = '(-?[\\d.]+(?:e-?\\d+)?)';
    const d = path.getAttribute('d') ?? '';
    const run = new RegExp(
      `^M\\s*${n}[ ,]${n}\\s*L\\s*${n}[ ,]${n}(?:\\s*L\\s*${n}[ ,]${n})?`,
    ).exec(d);
    const toPath = path.getScreenCTM()?.inverse().multiply(node.getScreenCTM()!);
    if (!run || !toPath) return;
    const [x1, y1, x2, y2, x3, y3] = run.slice(1).map((value) => (value ? Number(value) : NaN));
    const straight = (x1 === x2 && x2 === x3) || (y1 === y2 && y2 === y3);
    // The run to keep: through the third point when the second only breaks a straight line.
    const [ex, ey] = straight ? [x3!, y3!] : [x2!, y2!];
    const used = straight || run[5] === undefined ? run[0] : run[0].replace(/\s*L[^L]*$/, '');
    const length = Math.hypot(ex - x1!, ey - y1!);
    if (!length) return;
    const box = node.getBBox();
    const corners = [
      new DOMPoint(box.x, box.y).matrixTransform(toPath),
      new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(toPath),
    ];
    const [left, right] = [
      Math.min(corners[0]!.x, corners[1]!.x),
      Math.max(corners[0]!.x, corners[1]!.x),
    ];
    const [top, bottom] = [
      Math.min(corners[0]!.y, corners[1]!.y),
      Math.max(corners[0]!.y, corners[1]!.y),
    ];
    const [dx, dy] = [(ex - x1!) / length, (ey - y1!) / length];
    // How far along the run it leaves the box (0 if it starts outside), then 4 px more.
    const inside = x1! >= left && x1! <= right && y1! >= top && y1! <= bottom;
    const exit = Math.min(
      dx > 0 ? (right - x1!) / dx : dx < 0 ? (left - x1!) / dx : Infinity,
      dy > 0 ? (bottom - y1!) / dy : dy < 0 ? (top - y1!) / dy : Infinity,
    );
    const along = Math.min((inside ? Math.max(0, exit) : 0) + 4, length / 2);
    const moved = `M${x1! + dx * along},${y1! + dy * along}L${ex},${ey}`;
    path.setAttribute('d', moved + d.slice(used.length));
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
  sizeFromViewBox(svg);
  document.body.append(svg);
  headAtStart(svg as unknown as SVGSVGElement);
  svg.remove();
  prefixIds(svg);
  nameIt(svg);
  // Mermaid draws edge-label backgrounds half transparent: the line shows through the words.
  const style = document.createElementNS(ns, 'style');
  style.textContent = `#${input.id} .edgeLabel rect, #${input.id} .labelBkg { opacity: 1 !important; }`;
  svg.append(style);
  svg.setAttribute('aria-labelledby', `${input.id}-title`);
  svg.setAttribute('aria-describedby', `${input.id}-desc`);
  svg.removeAttribute('aria-roledescription');
  return {
    svg: new XMLSerializer().serializeToString(svg),
    // What `retheme.ts` needs to turn this diagram into another theme's.
    type: mermaid.detectType(input.source),
    variables: mermaid.mermaidAPI.getConfig().themeVariables,
  };
}
