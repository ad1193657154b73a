/** What a Mermaid flowchart shows, counted from its source for the brief checklist. */
interface FlowchartFacts {
  /** Distinct services: the part of a node's label before its colon (`S3: media` → `S3`). */
  services: string[];
  /** Services whose node says nothing after the name. */
  unannotated: string[];
  edges: number;
  /** 1-based lines of the edges that carry no label. */
  unlabelledEdgeLines: number[];
}

// A service is drawn as an icon shape or a box; a stadium `([…])` is a person or an app.
const iconNode = /^\s*\w+@\{[^}]*\bicon:\s*"[^"]+"[^}]*\blabel:\s*"([^"]+)"/;
const boxNode = /^\s*\w+\[(?!\()([^\]]+)\]\s*$/;
const arrow = /(?:<?--+>|<?-\.+->|<?==+>)/g;
const labelledArrow = /(?:<?--+>|<?-\.+->|<?==+>)\|[^|]+\||--\s+[^-]+\s+-->|-\.\s+[^.]+\s+\.->/g;

export function flowchartFacts(source: string): FlowchartFacts {
  const services = new Map<string, boolean>();
  let edges = 0;
  const unlabelledEdgeLines: number[] = [];
  source.split('\n').forEach((line, index) => {
    if (/^\s*(%%|acc(Title|Descr))/.test(line)) return;
    const label = iconNode.exec(line)?.[1] ?? boxNode.exec(line)?.[1];
    if (label) {
      const [name, ...note] = label.split(':');
      const annotated = note.join(':').trim().length > 0;
      services.set(name!.trim(), (services.get(name!.trim()) ?? false) || annotated);
      return;
    }
    const arrows = line.match(arrow)?.length ?? 0;
    if (arrows === 0) return;
    edges += arrows;
    if ((line.match(labelledArrow)?.length ?? 0) < arrows) unlabelledEdgeLines.push(index + 1);
  });
  return {
    services: [...services.keys()],
    unannotated: [...services].filter(([, annotated]) => !annotated).map(([name]) => name),
    edges,
    unlabelledEdgeLines,
  };
}
