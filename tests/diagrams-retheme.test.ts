import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../src/lib/browser-session.ts';
import {
  DiagramRenderer,
  type DiagramSource,
  type RenderPhase,
} from '../src/lib/diagrams/render.ts';
import { probeSource, retheme, type ThemeParts } from '../src/lib/diagrams/retheme.ts';
import { tempDir } from './helpers/temp.ts';

const fixture = (name: string): DiagramSource => ({
  file: `tests/fixtures/diagrams/${name}.mmd`,
  source: readFileSync(new URL(`./fixtures/diagrams/${name}.mmd`, import.meta.url), 'utf8'),
});

describe('the probe', () => {
  it('keeps the frontmatter, the directives and the type line, and draws nothing', () => {
    const source =
      '---\ntitle: T\nconfig:\n  theme: base\n---\n\n%%{init: {}}%%\nflowchart LR\n  a --> b\n  classDef x fill:#f00\n';
    expect(probeSource(source)).toBe(
      '---\ntitle: T\nconfig:\n  theme: base\n---\n\n%%{init: {}}%%\nflowchart LR\n',
    );
    expect(probeSource('sequenceDiagram\n  A->>B: hi\n')).toBe('sequenceDiagram\n');
  });
});

describe('retheme', () => {
  const light = (probe: string): ThemeParts => ({
    id: 'd1-light',
    type: 'flowchart-elk',
    probe,
    variables: { mainBkg: '#ECECFF', nodeBorder: '#9370DB', pie1: '#ECECFF' },
  });
  const dark = (probe: string): ThemeParts => ({
    id: 'd1-dark',
    type: 'flowchart-elk',
    probe,
    variables: { mainBkg: '#1f2020', nodeBorder: '#ccc', pie1: '#0b0000' },
  });
  const look = (id: string, flood: string) =>
    `<defs><filter id="${id}-drop-shadow"><feDropShadow flood-color="${flood}"/></filter></defs>`;
  const probes = [
    `<svg id="d1-light"><style>#d1-light{fill:#333;}</style>${look('d1-light', '#000000')}</svg>`,
    `<svg id="d1-dark"><style>#d1-dark{fill:#ccc;}</style>${look('d1-dark', '#FFFFFF')}<linearGradient id="d1-dark-gradient"><stop stop-color="#ccc"/></linearGradient></svg>`,
  ] as const;
  const diagram =
    '<svg id="d1-light"><style>#d1-light{fill:#333;}</style>' +
    '<g class="node"><path d="M0 0" stroke="#9370DB" stroke-width="1.3" fill="#ECECFF" style=""/>' +
    '<g style="color: #9370DB;"><svg viewBox="0 0 4 4"><path fill="#ECECFF"/></svg></g>' +
    '<path d="M1 1" fill="#123456" filter="url(#d1-light-drop-shadow)"/></g>' +
    `${look('d1-light', '#000000')}</svg>`;

  it("swaps the theme's CSS, its look and the shapes' colours, and keeps the icons' own", () => {
    expect(retheme(diagram, light(probes[0]), dark(probes[1]))).toEqual({
      svg:
        '<svg id="d1-dark"><style>#d1-dark{fill:#ccc;}</style>' +
        '<g class="node"><path d="M0 0" stroke="#ccc" stroke-width="1.3" fill="#1f2020" style=""/>' +
        '<g style="color: #ccc;"><svg viewBox="0 0 4 4"><path fill="#ECECFF"/></svg></g>' +
        '<path d="M1 1" fill="#123456" filter="url(#d1-dark-drop-shadow)"/></g>' +
        `${look('d1-dark', '#FFFFFF')}<linearGradient id="d1-dark-gradient"><stop stop-color="#ccc"/></linearGradient></svg>`,
    });
  });

  it('swaps no colour in a sequence diagram, whose theme is all in its CSS', () => {
    const sequence = (parts: ThemeParts) => ({ ...parts, type: 'sequence' });
    const result = retheme(diagram, sequence(light(probes[0])), sequence(dark(probes[1])));
    expect('svg' in result && result.svg).toContain('fill="#ECECFF" style=""');
  });

  it('refuses what it cannot derive, so the diagram is laid out in the other theme', () => {
    const refused = (svg: string, from: ThemeParts, to: ThemeParts) =>
      'refused' in retheme(svg, from, to)
        ? (retheme(svg, from, to) as { refused: string }).refused
        : 'derived';
    // A type whose theme may move things.
    expect(
      refused(
        diagram,
        { ...light(probes[0]), type: 'gantt' },
        { ...dark(probes[1]), type: 'gantt' },
      ),
    ).toMatch(/gantt/);
    // CSS that depends on more than the header (a classDef): the probe's is not the diagram's.
    expect(
      refused(
        diagram.replace('fill:#333;', 'fill:#333;}.x{fill:#f00;'),
        light(probes[0]),
        dark(probes[1]),
      ),
    ).toMatch(/depends on more than its header/);
    // A colour two shape variables share in one theme and not in the other.
    const split = {
      ...dark(probes[1]),
      variables: { mainBkg: '#1f2020', nodeBorder: '#ccc', background: '#333' },
    };
    expect(
      refused(
        diagram,
        {
          ...light(probes[0]),
          variables: { mainBkg: '#ECECFF', nodeBorder: '#9370DB', background: '#ECECFF' },
        },
        split,
      ),
    ).toMatch(/#ECECFF/);
  });
});

describe('the dark SVG derived from the light layout', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = new BrowserSession();
  });
  afterAll(() => session.close());

  /** The SVGs, and how many diagrams each renderer laid out, when every file is asked at once. */
  async function render(diagrams: DiagramSource[], deriveDark: boolean) {
    const layouts: RenderPhase[] = [];
    const renderer = new DiagramRenderer({
      session,
      cacheDir: await tempDir('diagram-cache'),
      deriveDark,
      onPhase: (phase) => layouts.push(phase),
    });
    const svgs = await Promise.all(
      diagrams.flatMap((diagram) => [renderer.svg(diagram), renderer.svg(diagram, 'dark')]),
    );
    await renderer.close();
    return { svgs, layouts: layouts.filter((phase) => phase === 'layout').length };
  }

  it("is byte for byte Mermaid's own dark rendering, with one layout per diagram", async () => {
    const groups = fixture('flowchart-groups');
    const styled = {
      ...fixture('flowchart-icons'),
      source: `${fixture('flowchart-icons').source}  classDef edge fill:#f96\n  class cdn edge\n`,
    };
    const diagrams = [fixture('flowchart-icons'), groups, fixture('sequence'), styled];
    const [derived, laidOut] = [await render(diagrams, true), await render(diagrams, false)];
    expect(derived.svgs).toEqual(laidOut.svgs);
    expect(laidOut.layouts).toBe(8);
    // Each diagram laid out once, but the one with a classDef, laid out again in the dark theme.
    expect(derived.layouts).toBe(5);
  });
});
