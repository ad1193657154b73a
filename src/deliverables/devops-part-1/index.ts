import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { diagramFigure } from '../../lib/diagrams/figure.ts';
import { readme } from '../../lib/markdown/readme.ts';
import { challenges } from '../challenges.ts';
import { defineDeliverable, type DeliverableFile } from '../define.ts';
import { diagramName } from '../page-schema.ts';
import { part1ProjectFiles, part1Problems } from './project-files.ts';

const both = (text: string) => ({ en: text, es: text });
/** Part 1's CI: GitHub reads workflows only at a repository's root, so it sits beside part-1/. */
const part1Workflow = '.github/workflows/part-1.yml';

/**
 * DevOps Part 1: the Flask app and its AWS deployment, handed in as the folder beside its page.
 * Exported as `devops/part-1/`: the project folder as it is (app, Dockerfile, infrastructure,
 * scripts, lockfile), with the page as its `README.md` and the deployment diagram as
 * `architecture.png`; and its CI workflow at `devops/.github/workflows/`, the root of the
 * challenge's repository.
 */
export const devopsPart1 = defineDeliverable({
  id: 'devops-part-1',
  route: 'devops/part-1',
  languages: ['en'],
  brief: {
    challenge: challenges.devops,
    section: { en: 'Part 1', es: 'Parte 1' },
  },
  namesIn: {
    es: {
      nav: 'DevOps, parte 1',
      title: 'DevOps, parte 1: la API de Flask en AWS, desplegada con un comando',
      description:
        'La app de Flask protegida con un token, en ECS Fargate detrás de un balanceador de carga y con el token en Secrets Manager: un comando para desplegarla, otro para cambiar el token y otro para eliminarlo todo.',
    },
  },
  fields: {
    /** The deployment diagram in `diagrams/` (name without `.mmd`); exported as `architecture.png`. */
    diagram: diagramName,
  },
  check: ({ file }) => part1Problems(file),
  checklist([{ file, path }]) {
    const project = dirname(path);
    const parts = {
      app: 'app/app.py',
      Dockerfile: 'app/Dockerfile',
      infrastructure: 'lib/api-stack.ts',
      template: 'template.yaml',
    };
    const present = Object.entries(parts).filter(([, part]) => existsSync(join(project, part)));
    const scripts =
      (
        JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
          scripts?: Record<string, string>;
        }
      ).scripts ?? {};
    const commands = ['deploy', 'set-token', 'destroy'].filter((name) => scripts[name]);
    return [
      {
        requirement: {
          en: 'The app, its Dockerfile, the infrastructure, its CloudFormation template and a README',
          es: 'La app, su Dockerfile, la infraestructura, su plantilla de CloudFormation y un README',
        },
        holds: present.length === Object.keys(parts).length,
        evidence: both(
          [...present.map(([, part]) => part), `README.md ← ${basename(file)}`].join(', '),
        ),
      },
      {
        requirement: {
          en: 'One command each to deploy, change the token and destroy',
          es: 'Un comando para desplegar, otro para cambiar el token y otro para destruir',
        },
        holds: commands.length === 3,
        evidence: both(commands.map((name) => `npm run ${name}`).join(', ') || '—'),
      },
    ];
  },
  exports: ['devops/part-1/', `devops/${part1Workflow}`, 'devops/devops-challenge.zip'],
  async files([{ file, path, data, tree }], context) {
    const folder = dirname(path);
    const { figure, png } = await diagramFigure(
      data.diagram,
      data.lang,
      'architecture.png',
      context,
    );
    const files: DeliverableFile[] = [
      { path: 'devops/part-1/README.md', contents: readme(data.title, [figure], tree, file) },
      { path: 'devops/part-1/architecture.png', contents: png },
      {
        path: `devops/${part1Workflow}`,
        contents: await readFile(join(folder, '..', part1Workflow)),
      },
    ];
    for (const project of await part1ProjectFiles(folder)) {
      files.push({
        path: `devops/part-1/${project}`,
        contents: await readFile(join(folder, project)),
      });
    }
    return files;
  },
});
