/**
 * What a rendered flowchart SVG shows, read from Mermaid's own markup: where its edges run, what
 * they join, where its numbered steps sit and how many words it carries. The tests hold the
 * diagrams to their limits with it; the numbers are what a reader sees, not what the source says.
 */
export interface Point {
  x: number;
  y: number;
}

export interface DiagramMeasures {
  /** Pairs of edges (Mermaid's `L_from_to_n` ids) whose drawn paths cross. */
  crossings: [string, string][];
  /** Edges one end of which is a subgraph rather than a node. */
  edgesOnClusters: string[];
  /** The edge labels that start with a step number (`3 · …`), as drawn, in the order of their numbers. */
  steps: { n: number; text: string; at: Point }[];
  /** Words in every label: nodes, edges and groups; not the title. */
  words: number;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';

/** The text of a fragment of SVG markup: its tspans joined, entities decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<\/tspan>\s*<tspan[^>]*class="text-outer-tspan[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A path's `d` (absolute M, L, Q, C, A, as Mermaid writes them) as a polyline. Mermaid draws a
 * small arc where an edge jumps over another: the chord through it still crosses that edge.
 */
export function flatten(d: string): Point[] {
  const points: Point[] = [];
  const tokens = d.match(/[MLQCAZ]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
  let command = 'M';
  let i = 0;
  const next = () => Number(tokens[i++]);
  const at = () => points[points.length - 1]!;
  while (i < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[i]!)) command = tokens[i++]!.toUpperCase();
    if (command === 'Z') continue;
    if (command === 'M' || command === 'L') points.push({ x: next(), y: next() });
    else if (command === 'A') {
      i += 5; // radii, rotation and flags
      points.push({ x: next(), y: next() });
    } else if (command === 'Q' || command === 'C') {
      const controls = command === 'Q' ? 2 : 3;
      const p = [at()];
      for (let k = 0; k < controls; k++) p.push({ x: next(), y: next() });
      for (let t = 1; t <= 12; t++) {
        const s = t / 12;
        // De Casteljau: exact for both degrees.
        let q = p.map((point) => ({ ...point }));
        while (q.length > 1)
          q = q.slice(1).map((b, k) => ({
            x: q[k]!.x + (b.x - q[k]!.x) * s,
            y: q[k]!.y + (b.y - q[k]!.y) * s,
          }));
        points.push(q[0]!);
      }
    } else throw new Error(`Unexpected path command ${command} in “${d.slice(0, 60)}”`);
  }
  return points;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): Point | undefined {
  const r = { x: b.x - a.x, y: b.y - a.y };
  const s = { x: d.x - c.x, y: d.y - c.y };
  const denominator = r.x * s.y - r.y * s.x;
  if (Math.abs(denominator) < 1e-9) return undefined;
  const t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / denominator;
  const u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { x: a.x + t * r.x, y: a.y + t * r.y } : undefined;
}

const near = (p: Point, q: Point, distance: number) => Math.hypot(p.x - q.x, p.y - q.y) <= distance;

/**
 * Whether two polylines cross anywhere but where both leave or reach the same node: edges out of
 * one node start side by side and may touch there.
 */
function cross(a: Point[], b: Point[]): boolean {
  const endsOf = (line: Point[]) => [line[0]!, line[line.length - 1]!];
  const shared = endsOf(a).filter((end) => endsOf(b).some((other) => near(end, other, 40)));
  for (let i = 1; i < a.length; i++)
    for (let j = 1; j < b.length; j++) {
      const hit = segmentsCross(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!);
      if (hit && !shared.some((end) => near(hit, end, 40))) return true;
    }
  return false;
}

export function measureDiagram(svg: string): DiagramMeasures {
  const nodes = new Set(
    [...svg.matchAll(/<g class="[^"]*" id="[^"]*?-flowchart-(.+?)-\d+"/g)].map((m) => m[1]!),
  );
  const edges = [...svg.matchAll(/<path [^>]*class="[^"]*flowchart-link[^"]*"[^>]*>/g)].map(
    ([tag]) => ({ id: attr(tag, 'data-id'), points: flatten(attr(tag, 'd')) }),
  );
  const crossings: [string, string][] = [];
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 1; j < edges.length; j++)
      if (cross(edges[i]!.points, edges[j]!.points)) crossings.push([edges[i]!.id, edges[j]!.id]);
  const edgesOnClusters = edges
    .map(({ id }) => id)
    .filter((id) => {
      // `L_from_to_n`, where either id may hold underscores itself.
      const body = id.replace(/^L_/, '').replace(/_\d+$/, '');
      return ![...nodes].some(
        (from) => body.startsWith(`${from}_`) && nodes.has(body.slice(from.length + 1)),
      );
    });
  const steps = [
    ...svg.matchAll(
      /<g class="edgeLabel[^"]*" transform="translate\(([\d.-]+), ([\d.-]+)\)">(.*?)<\/g><\/g>/g,
    ),
  ]
    .map(([, x, y, inner]) => ({ text: textOf(inner!), at: { x: Number(x), y: Number(y) } }))
    .map((label) => ({ ...label, n: Number(/^(\d+) ·/.exec(label.text)?.[1] ?? NaN) }))
    .filter(({ n }) => !Number.isNaN(n))
    .sort((a, b) => a.n - b.n);
  const words = [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)]
    .filter(([tag]) => !/flowchartTitleText/.test(tag))
    .map(([, inner]) => textOf(inner!))
    .join(' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return { crossings, edgesOnClusters, steps, words };
}

/**
 * The steps that break reading order: each must sit below the one before it, or level with it
 * (within `rowTolerance` px) and to its right.
 */
export function stepsOutOfOrder(
  steps: DiagramMeasures['steps'],
  rowTolerance = 60,
): [number, number][] {
  const wrong: [number, number][] = [];
  for (let i = 1; i < steps.length; i++) {
    const [a, b] = [steps[i - 1]!, steps[i]!];
    const above = b.at.y < a.at.y - rowTolerance;
    const leftOnRow = Math.abs(b.at.y - a.at.y) <= rowTolerance && b.at.x < a.at.x;
    if (above || leftOnRow) wrong.push([a.n, b.n]);
  }
  return wrong;
}
