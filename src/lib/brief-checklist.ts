import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { LearningData } from '../schemas/learning.ts';
import type { StoriesData } from '../schemas/stories.ts';
import type { DevopsPart2Data } from '../schemas/devops-part-2.ts';
import { loadContentFolder, type ContentFile } from './content-file.ts';
import { deliverable, type DeliverableId } from './deliverables.ts';
import { flowchartFacts } from './diagrams/flowchart-facts.ts';
import { readDiagram } from './diagrams/files.ts';
import type { Lang } from './i18n.ts';
import { learningTexts } from './learning-texts.ts';
import { categoryHeading, owaspTop10 } from './owasp.ts';
import { countWords, scriptWindow } from './speaking-time.ts';

/** One requirement of a brief, checked against the content as it is now. */
export interface Requirement {
  deliverable: DeliverableId;
  /** What the brief asks, in each language. */
  requirement: Record<Lang, string>;
  holds: boolean;
  /** What was counted or found, in each language. */
  evidence: Record<Lang, string>;
}

export interface ChecklistSources {
  contentDir: string;
  diagramsDir: string;
}

/** A content folder as `loadContentFolder` gives it: never empty. */
type Folder = [ContentFile, ...ContentFile[]];

const both = (text: string): Record<Lang, string> => ({ en: text, es: text });
const upper = (lang: Lang) => lang.toUpperCase();

/**
 * The briefs' requirements, each measured from the content and diagrams: never typed by hand, so
 * the home page and the export say what holds now. Content that fails its own checks throws the
 * same error the build and the export give.
 */
export async function briefChecklist({
  contentDir,
  diagramsDir,
}: ChecklistSources): Promise<Requirement[]> {
  const folder = (path: string) => loadContentFolder(join(contentDir, path));
  return [
    english(await folder('learning-resources')),
    ...(await cloudComputing(await folder('stories'), diagramsDir)),
    systemSecurity(await folder('security')),
    ...devopsPart1(await folder('devops/part-1')),
    await devopsPart2(await folder('devops/part-2'), diagramsDir),
  ];
}

function english([{ file, data }]: Folder): Requirement {
  const { estimate, careful } = learningTexts(file, data as LearningData).script;
  const { words, seconds, rate } = estimate;
  return {
    deliverable: 'english',
    requirement: {
      en: `A recording script of 30–${scriptWindow.hardLimitSeconds} s`,
      es: `Un guion de grabación de 30–${scriptWindow.hardLimitSeconds} s`,
    },
    holds:
      seconds >= scriptWindow.minSeconds &&
      seconds <= scriptWindow.hardLimitSeconds &&
      careful.seconds <= scriptWindow.hardLimitSeconds,
    evidence: {
      en: `${words} words, about ${seconds} s at ${rate} words a minute and ${careful.seconds} s at ${careful.rate}`,
      es: `${words} palabras, unos ${seconds} s a ${rate} palabras por minuto y ${careful.seconds} s a ${careful.rate}`,
    },
  };
}

async function cloudComputing(files: ContentFile[], diagramsDir: string): Promise<Requirement[]> {
  const facts = await Promise.all(
    files.map(async ({ data }) => {
      const { diagram, lang } = data as StoriesData;
      return { lang, ...flowchartFacts((await readDiagram(diagram, lang, diagramsDir)).source) };
    }),
  );
  return [
    {
      deliverable: 'cloud-computing',
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
      deliverable: 'cloud-computing',
      requirement: {
        en: 'Every edge of the flowchart labelled',
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
}

function systemSecurity(files: ContentFile[]): Requirement {
  const counts = files.map(({ tree, data }) => {
    const headings = new Set<string>();
    visit(tree, 'heading', (heading: Heading) => {
      if (heading.depth === 2) headings.add(toString(heading).trim());
    });
    const found = owaspTop10.filter((_, i) => headings.has(categoryHeading(i, data.lang))).length;
    return { lang: data.lang, found };
  });
  return {
    deliverable: 'system-security',
    requirement: {
      en: 'The ten OWASP Top 10 2021 categories, in each language',
      es: 'Las diez categorías del OWASP Top 10 2021, en cada idioma',
    },
    holds: counts.length > 0 && counts.every((c) => c.found === owaspTop10.length),
    evidence: both(
      counts.map((c) => `${upper(c.lang)}: ${c.found}/${owaspTop10.length}`).join('; '),
    ),
  };
}

function devopsPart1([{ file }]: Folder): Requirement[] {
  const project = join(file, '..');
  const parts = {
    app: 'app/app.py',
    Dockerfile: 'app/Dockerfile',
    infrastructure: 'lib/api-stack.ts',
  };
  const present = Object.entries(parts).filter(([, path]) => existsSync(join(project, path)));
  const scripts =
    (
      JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      }
    ).scripts ?? {};
  const commands = ['deploy', 'set-token', 'destroy'].filter((name) => scripts[name]);
  return [
    {
      deliverable: 'devops-part-1',
      requirement: {
        en: 'The app, its Dockerfile, the infrastructure and a README',
        es: 'La app, su Dockerfile, la infraestructura y un README',
      },
      holds: present.length === Object.keys(parts).length,
      evidence: both(
        [...present.map(([, path]) => path), `README.md ← ${file.split('/').pop()}`].join(', '),
      ),
    },
    {
      deliverable: 'devops-part-1',
      requirement: {
        en: 'One command each to deploy, change the token and destroy',
        es: 'Un comando para desplegar, otro para cambiar el token y otro para destruir',
      },
      holds: commands.length === 3,
      evidence: both(commands.map((name) => `npm run ${name}`).join(', ') || '—'),
    },
  ];
}

async function devopsPart2([{ tree, data }]: Folder, diagramsDir: string): Promise<Requirement> {
  const { diagram, lang } = data as DevopsPart2Data;
  const words = countWords(toString(tree));
  const { services } = flowchartFacts((await readDiagram(diagram, lang, diagramsDir)).source);
  return {
    deliverable: 'devops-part-2',
    requirement: {
      en: 'A technical description of the topology, with its diagram',
      es: 'Una descripción técnica de la topología, con su diagrama',
    },
    holds: words >= 300 && services.length > 0,
    evidence: {
      en: `${words} words; ${diagram}.mmd with ${services.length} services`,
      es: `${words} palabras; ${diagram}.mmd con ${services.length} servicios`,
    },
  };
}

/** The checklist as the export prints it: a line per requirement, ✓ or ✗, with what was measured. */
export function formatChecklist(checklist: readonly Requirement[], lang: Lang = 'en'): string {
  return checklist
    .map(
      (r) =>
        `${r.holds ? '✓' : '✗'} ${deliverable(r.deliverable).brief.section[lang]} · ${r.requirement[lang]} — ${r.evidence[lang]}`,
    )
    .join('\n');
}

/** Thrown by the export when a requirement of a brief does not hold. */
export class ChecklistError extends Error {
  constructor(failing: readonly Requirement[]) {
    super(
      `${failing.length === 1 ? 'a requirement of the brief does' : `${failing.length} requirements of the briefs do`} not hold:\n${formatChecklist(failing)}`,
    );
    this.name = 'ChecklistError';
  }
}
