import { describe, expect, it } from 'vitest';
import { deliverableIds } from '../src/deliverables/index.ts';
import { flowchartFacts } from '../src/lib/diagrams/flowchart-facts.ts';
import { repoContent } from './helpers/repo-content.ts';

describe('flowchartFacts', () => {
  const source = [
    'flowchart TB',
    '  accTitle: A -> B',
    '  user([A person])',
    '  s3@{ icon: "aws:simplestorageservice", label: "S3: media" }',
    '  fn@{ icon: "aws:lambda", label: "Lambda: resizes" }',
    '  fn2@{ icon: "aws:lambda", label: "Lambda" }',
    '  db[DynamoDB]',
    '  q[(SQS: a queue drawn as a cylinder)]',
    '  user -->|uploads| s3',
    '  s3 -.->|event| fn',
    '  fn -- writes --> db',
    '  fn --> fn2',
    '  fn2 ==> db',
  ].join('\n');
  const facts = flowchartFacts(source);

  it('counts services once by name, leaving people and apps out', () => {
    expect(facts.services).toEqual(['S3', 'Lambda', 'DynamoDB']);
  });

  it('finds a service named without a note, unless another node of it has one', () => {
    expect(facts.unannotated).toEqual(['DynamoDB']);
  });

  it('finds services that say no why, and services drawn without their icon', () => {
    const drawn = flowchartFacts(
      [
        'flowchart TB',
        '  a@{ icon: "aws:lambda", label: "Lambda: resizes<br/>Why: scales per event" }',
        '  b@{ icon: "aws:lambda", label: "Lambda: fans out" }',
        '  c@{ icon: "aws:simplequeueservice", label: "SQS: buffers" }',
        '  d@{ icon: "aws:dynamodb", label: "DynamoDB: stories<br/>Por qué: rápida" }',
        '  e[(ECR: images)]',
        '  n@{ shape: rect, label: "Trays: a note, not a service" }',
      ].join('\n'),
    );
    expect(drawn.unexplained).toEqual(['SQS']);
    expect(drawn.withoutIcon).toEqual(['ECR']);
    expect(drawn.services).not.toContain('Trays');
  });

  it('counts every edge, and the lines of those without a label', () => {
    expect(facts.edges).toBe(5);
    expect(facts.unlabelledEdgeLines).toEqual([12, 13]);
  });

  it('counts an edge drawn backwards, its arrowhead on the first node, labelled or not', () => {
    const drawn = flowchartFacts(
      ['flowchart LR', '  a <---|reads| b', '  a <-.-|alarms| c', '  a <--- d'].join('\n'),
    );
    expect(drawn.edges).toBe(3);
    expect(drawn.unlabelledEdgeLines).toEqual([4]);
  });
});

describe('the brief checklist of this repository', async () => {
  const checklist = (await repoContent()).flatMap((d) => d.checklist);

  it('covers every deliverable, and every requirement holds', () => {
    expect([...new Set(checklist.map((r) => r.deliverable))]).toEqual(deliverableIds);
    expect(checklist.filter((r) => !r.holds)).toEqual([]);
  });

  it('says what it measured, in both languages', () => {
    const [english, services, edges, owasp] = checklist;
    expect(english!.evidence.en).toMatch(
      /^\d+ words, about (3\d|4\d|5\d) s at 130 words a minute and (\d+) s at 110$/,
    );
    expect(services!.evidence.en).toMatch(/^EN: \d+ services, \d+ annotated; ES: \d+ services/);
    expect(edges!.evidence.es).toMatch(/^EN: (\d+) de \1; ES: (\d+) de \2$/);
    expect(owasp!.evidence.en).toBe('EN: 10/10; ES: 10/10');
  });
});
