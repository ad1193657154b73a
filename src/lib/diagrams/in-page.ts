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
