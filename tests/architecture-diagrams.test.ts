import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgesPointingBack, flowchartFacts } from '../src/lib/diagrams/flowchart-facts.ts';
import { root } from './helpers/root.ts';

const dir = join(root, 'diagrams');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const diagrams = readdirSync(dir).filter((name) => name.endsWith('.mmd'));
const flowcharts = diagrams.filter((name) => /^(---[^]*?---\s*)?flowchart\b/.test(read(name)));
/** The official icons a diagram uses, in order: what it draws, whatever the language. */
const icons = (source: string) => [...source.matchAll(/\bicon:\s*"([^"]+)"/g)].map((m) => m[1]);

describe('the diagrams as sources', () => {
  it('finds the architecture flowcharts', () => {
    expect(flowcharts).toEqual(
      expect.arrayContaining([
        'aws-part-1.mmd',
        'aws-topology.mmd',
        'instagram-stories.es.mmd',
        'instagram-stories.mmd',
      ]),
    );
  });

  it.each(diagrams)('%s carries a title for the image itself', (name) => {
    expect(read(name)).toMatch(/^---\n(?:.*\n)*?title: *\S.*\n(?:.*\n)*?---\n/);
  });

  it.each(flowcharts)('%s draws every AWS service with its official icon', (name) => {
    const facts = flowchartFacts(read(name));
    expect(facts.services.length).toBeGreaterThan(0);
    expect(facts.withoutIcon).toEqual([]);
    expect(icons(read(name)).every((icon) => icon!.startsWith('aws:'))).toBe(true);
  });

  it.each(['instagram-stories.mmd', 'instagram-stories.es.mmd'])(
    '%s says why on the image for every service',
    (name) => {
      const facts = flowchartFacts(read(name));
      expect(facts.services.length).toBeGreaterThanOrEqual(6);
      expect(facts.unannotated).toEqual([]);
      expect(facts.unexplained).toEqual([]);
    },
  );

  it('draws the same services in Spanish as in English', () => {
    const [en, es] = [read('instagram-stories.mmd'), read('instagram-stories.es.mmd')];
    expect(flowchartFacts(es).services.sort()).toEqual(flowchartFacts(en).services.sort());
    expect(icons(es).sort()).toEqual(icons(en).sort());
    // Same stages, same expiry notes, same edges: the translation leaves nothing out.
    const count = (source: string, pattern: RegExp) => source.match(pattern)?.length ?? 0;
    for (const pattern of [/^\s*subgraph /gm, /@\{ shape:/g, /-->|-\.->|<---|<-\.-/g])
      expect(count(es, pattern), String(pattern)).toBe(count(en, pattern));
  });
});

describe('edges written to point back', () => {
  it('finds `a <--- b` and `a <-.- b`, labelled or not, and no other kind of edge', () => {
    const source = [
      'flowchart LR',
      '  a <---|writes| b',
      '  c <-.- d',
      '  e <--> f',
      '  g <---> h',
      '  i --- j',
      '  k --> l',
      '  m <-.-> n',
    ].join('\n');
    expect(edgesPointingBack(source)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
