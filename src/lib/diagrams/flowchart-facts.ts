/** What a Mermaid flowchart shows, counted from its source for the brief checklist and the tests. */
export interface FlowchartFacts {
  /** Distinct services: the part of a node's label before its colon (`S3: media` → `S3`). */
  services: string[];
  /** Services whose node says nothing after the name. */
  unannotated: string[];
  /** Services no node of which says why, on a line of its own (`<br/>Why: …`, `<br/>Por qué: …`). */
  unexplained: string[];
  /** Services drawn as a plain shape, `name[Service: …]`, instead of with their icon. */
  withoutIcon: string[];
  edges: number;
  /** 1-based lines of the edges that carry no label. */
  unlabelledEdgeLines: number[];
}

// A service is drawn as an icon shape or a box; a stadium `([…])` is a person or an app, and a
// node given only a `shape:` is a note.
const iconNode = /^\s*\w+@\{[^}]*\bicon:\s*"[^"]+"[^}]*\blabel:\s*"([^"]+)"/;
const boxNode = /^\s*\w+\[(?!\()([^\]]+)\]\s*$/;
// Any other bracketed shape whose label names a service: `ecr[(ECR: images)]`, `q{{SQS: …}}`.
const plainServiceNode = /^\s*\w+(?:\[\(|\[\[|\[\/|\(\(|\{\{|\{|\[(?!\())"?([^"\]})]+?):/;
const whyLine = /<br\s*\/?>\s*(?:why|por qué):/i;
// `a <--- b` and `a <-.- b` point at `a` only: Mermaid lays `a` out first, the arrowhead on it.
const arrow = /(?:<?--+>|<?-\.+->|<?==+>|<--+|<-\.+-)/g;
const pointingBack = /([\w-]+)\s*<(?:--+|-\.+-)(?![->])(?:\|[^|]*\|)?\s*([\w-]+)/g;

/**
 * The edges written `a <--- b` or `a <-.- b`, as `[a, b]`: laid out from `a` to `b`, with their
 * head on `a` only, which Mermaid itself does not draw (`in-page.ts` does).
 */
export function edgesPointingBack(source: string): [string, string][] {
  return [...source.matchAll(pointingBack)].map(([, to, from]) => [to!, from!]);
}
const labelledArrow =
  /(?:<?--+>|<?-\.+->|<?==+>|<--+|<-\.+-)\|[^|]+\||--\s+[^-]+\s+-->|-\.\s+[^.]+\s+\.->/g;

export function flowchartFacts(source: string): FlowchartFacts {
  const services = new Map<string, { annotated: boolean; explained: boolean }>();
  const withoutIcon = new Set<string>();
  let edges = 0;
  const unlabelledEdgeLines: number[] = [];
  source.split('\n').forEach((line, index) => {
    if (/^\s*(%%|acc(Title|Descr))/.test(line)) return;
    const plain = plainServiceNode.exec(line)?.[1];
    if (plain && !iconNode.test(line)) withoutIcon.add(plain.trim());
    const label = iconNode.exec(line)?.[1] ?? boxNode.exec(line)?.[1];
    if (label) {
      const [first, ...note] = label.split(':');
      // A line break inside a name is layout, not part of it.
      const name = first!.replace(/<br\s*\/?>/g, ' ').trim();
      const known = services.get(name) ?? { annotated: false, explained: false };
      services.set(name, {
        annotated: known.annotated || note.join(':').trim().length > 0,
        explained: known.explained || whyLine.test(label),
      });
      return;
    }
    const arrows = line.match(arrow)?.length ?? 0;
    if (arrows === 0) return;
    edges += arrows;
    if ((line.match(labelledArrow)?.length ?? 0) < arrows) unlabelledEdgeLines.push(index + 1);
  });
  const where = (test: (s: { annotated: boolean; explained: boolean }) => boolean) =>
    [...services].filter(([, s]) => test(s)).map(([name]) => name);
  return {
    services: [...services.keys()],
    unannotated: where((s) => !s.annotated),
    unexplained: where((s) => !s.explained),
    withoutIcon: [...withoutIcon],
    edges,
    unlabelledEdgeLines,
  };
}
