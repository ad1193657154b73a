import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ContentError } from '../../lib/content-error.ts';

/** What Part 1 hands in beside its README: the app, its image, and the infrastructure. */
const part1RequiredFiles = [
  'app/app.py',
  'app/requirements.txt',
  'app/gunicorn.conf.py',
  'app/Dockerfile',
  'app/constraints.txt',
  'tests/test_app.py',
  '../.github/workflows/part-1.yml',
  'package.json',
  'package-lock.json',
  'cdk.json',
  'bin/app.ts',
  'lib/api-stack.ts',
  'lib/custom-resources/index.cjs',
  // The console route: the stack as one CloudFormation template (npm run template).
  'template.yaml',
  'scripts/deploy.ts',
  'scripts/set-token.ts',
  'scripts/destroy.ts',
] as const;

/** Made by installing, synthesising or running the project: never handed in. */
const generated = new Set([
  'node_modules',
  'cdk.out',
  '__pycache__',
  '.DS_Store',
  // The settings a deploy keeps: the deployer's own, not part of the project.
  'cdk.context.json',
]);

/** The required files missing from the project folder beside the page `file`. */
export function part1Problems(file: string): ContentError[] {
  const folder = dirname(file);
  return part1RequiredFiles
    .filter((path) => !existsSync(join(folder, path)))
    .map(
      (path) =>
        new ContentError(
          join(folder, path),
          undefined,
          'DevOps Part 1 hands this file in, and it is missing',
          `restore it (\`git checkout -- ${join(folder, path)}\`); ${file} and the project rely on it.`,
        ),
    );
}

/**
 * The project's files as they are handed in, relative to its folder, sorted: everything but what
 * installing or running it makes, and the site's own page (`*.mdx`), which becomes the README.
 */
export async function part1ProjectFiles(folder: string, under = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(folder, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (generated.has(entry.name) || entry.name.endsWith('.pyc')) continue;
    if (entry.isDirectory()) files.push(...(await part1ProjectFiles(folder, path)));
    else if (entry.isFile() && !(under === '' && entry.name.endsWith('.mdx'))) files.push(path);
  }
  return files.sort();
}
