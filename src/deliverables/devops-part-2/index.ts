import { readFile } from 'node:fs/promises';
import { z } from 'astro/zod';
import { toString } from 'mdast-util-to-string';
import { diagramFigure } from '../../lib/diagrams/figure.ts';
import { flowchartFacts } from '../../lib/diagrams/flowchart-facts.ts';
import { readDiagram } from '../../lib/diagrams/files.ts';
import { readme, type Figure } from '../../lib/markdown/readme.ts';
import { countWords } from '../../lib/speaking-time.ts';
import { challenges } from '../challenges.ts';
import { defineDeliverable, type DeliverableFile } from '../define.ts';
import { diagramName } from '../page-schema.ts';
import { originalImagePath } from './original-image.ts';

/**
 * DevOps Part 2: the technical description of an AWS topology, with the topology redrawn.
 * Exported as `devops/part-2/README.md`, the description as GitHub renders it, opening with the
 * redrawn topology (`topology.png` beside it); and the challenge's own `diagram.png` when we have it.
 */
export const devopsPart2 = defineDeliverable({
  id: 'devops-part-2',
  route: 'devops/part-2',
  languages: ['en'],
  brief: {
    challenge: challenges.devops,
    section: { en: 'Part 2', es: 'Parte 2' },
  },
  namesIn: {
    es: {
      nav: 'DevOps, parte 2',
      title: 'DevOps, parte 2: descripción técnica de la topología en AWS',
      description:
        'La aplicación web serverless detrás de www.example.com: qué hace cada servicio de AWS, cómo fluye una petición por ella y cómo se protege, se escala, se observa y cuánto cuesta.',
    },
  },
  fields: {
    /** The redrawn topology in `diagrams/` (name without `.mmd`); exported as `topology.png`. */
    diagram: diagramName,
    /** Where the challenge's own image goes, beside this file, when the candidate has it. */
    originalImage: z.string().regex(/^\.\/[\w.-]+\.png$/),
  },
  /** The challenge's own image, when the candidate has put it beside the page. */
  extra: ({ path, data }) => ({ original: originalImagePath(path, data.originalImage) }),
  async checklist([{ tree, data }], { diagramsDir }) {
    const words = countWords(toString(tree));
    const { services } = flowchartFacts(
      (await readDiagram(data.diagram, data.lang, diagramsDir)).source,
    );
    return [
      {
        requirement: {
          en: 'A technical description of the topology, with its diagram',
          es: 'Una descripción técnica de la topología, con su diagrama',
        },
        holds: words >= 300 && services.length > 0,
        evidence: {
          en: `${words} words; ${data.diagram}.mmd with ${services.length} services`,
          es: `${words} palabras; ${data.diagram}.mmd con ${services.length} servicios`,
        },
      },
    ];
  },
  exports: ['devops/part-2/README.md', 'devops/part-2/topology.png', 'devops/devops-challenge.zip'],
  async files([{ file, data, tree, extra }], context) {
    const { figure, png } = await diagramFigure(data.diagram, data.lang, 'topology.png', context);
    const figures: Figure[] = [figure];
    if (extra.original) {
      figures.push({ alt: "The challenge's original diagram", src: 'diagram.png' });
    }
    const files: DeliverableFile[] = [
      { path: 'devops/part-2/README.md', contents: readme(data.title, figures, tree, file) },
      { path: 'devops/part-2/topology.png', contents: png },
    ];
    if (extra.original) {
      files.push({ path: 'devops/part-2/diagram.png', contents: await readFile(extra.original) });
    }
    return files;
  },
});
