import { z } from 'astro/zod';
import { flowchartFacts } from '../lib/diagrams/flowchart-facts.ts';
import { readDiagram } from '../lib/diagrams/files.ts';
import { defaultLang, type Lang } from '../lib/i18n.ts';
import { challenges } from './challenges.ts';
import { defineDeliverable } from './define.ts';
import { diagramName } from './page-schema.ts';

const upper = (lang: Lang) => lang.toUpperCase();

/**
 * The Instagram Stories architecture: a flowchart, its walk-through, and a second view. Exported
 * as the image the brief asks for, in each language: `cloud-computing/<exportName>.png` in English
 * and `<exportName>-es.png` in Spanish, each with its SVG beside it.
 */
export const cloudComputing = defineDeliverable({
  id: 'cloud-computing',
  languages: ['en', 'es'],
  brief: {
    challenge: challenges.part3,
    section: { en: 'Cloud Computing', es: 'Computación en la nube' },
  },
  fields: {
    /** The flowchart in `diagrams/` (name without `.mmd`); the export turns it into the PNG. */
    diagram: diagramName,
    /** The sequence diagram of the read path in `diagrams/`, shown below the walk-through. */
    readPathDiagram: diagramName,
    /** The file name, without extension, the PNG and SVG take in `submission/cloud-computing/`. */
    exportName: z.string().regex(/^[a-z0-9-]+$/),
  },
  // Its diagrams are checked when they render: a missing or broken one stops the build.
  async checklist(pages, { diagramsDir }) {
    const facts = await Promise.all(
      pages.map(async ({ data: { diagram, lang } }) => ({
        lang,
        ...flowchartFacts((await readDiagram(diagram, lang, diagramsDir)).source),
      })),
    );
    return [
      {
        requirement: {
          en: 'At least six cloud services, each annotated',
          es: 'Al menos seis servicios en la nube, cada uno anotado',
        },
        holds: facts.every((f) => f.services.length >= 6 && f.unannotated.length === 0),
        evidence: {
          en: facts
            .map(
              (f) =>
                `${upper(f.lang)}: ${f.services.length} services, ${f.services.length - f.unannotated.length} annotated`,
            )
            .join('; '),
          es: facts
            .map(
              (f) =>
                `${upper(f.lang)}: ${f.services.length} servicios, ${f.services.length - f.unannotated.length} anotados`,
            )
            .join('; '),
        },
      },
      {
        requirement: {
          en: 'Every edge of the flowchart labeled',
          es: 'Cada flecha del diagrama rotulada',
        },
        holds: facts.every((f) => f.edges > 0 && f.unlabelledEdgeLines.length === 0),
        evidence: {
          en: facts
            .map((f) => `${upper(f.lang)}: ${f.edges - f.unlabelledEdgeLines.length} of ${f.edges}`)
            .join('; '),
          es: facts
            .map((f) => `${upper(f.lang)}: ${f.edges - f.unlabelledEdgeLines.length} de ${f.edges}`)
            .join('; '),
        },
      },
    ];
  },
  exports: [
    'cloud-computing/instagram-stories-architecture.png',
    'cloud-computing/instagram-stories-architecture-es.png',
    'cloud-computing/instagram-stories-architecture.svg',
    'cloud-computing/instagram-stories-architecture-es.svg',
  ],
  async files(pages, { diagramsDir, renderer }) {
    const files = [];
    for (const { data } of pages) {
      const diagram = await readDiagram(data.diagram, data.lang, diagramsDir);
      const base = `cloud-computing/${data.exportName}${data.lang === defaultLang ? '' : `-${data.lang}`}`;
      files.push(
        { path: `${base}.png`, contents: await renderer.png(diagram) },
        { path: `${base}.svg`, contents: await renderer.svg(diagram) },
      );
    }
    return files;
  },
});
