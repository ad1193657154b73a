import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/root.ts';

/**
 * The two floors the rest stands on, and what each may import of the project: `src/lib/`, what
 * several parts share, imports only itself; the deliverables, only themselves and `src/lib/`. The
 * content loader, the site, the export and the commands stand on both.
 */
const floors = [
  { dir: 'src/lib', may: ['src/lib'] },
  { dir: 'src/deliverables', may: ['src/deliverables', 'src/lib'] },
];

/**
 * The imports of `file` (static, type-only, re-exports and dynamic ones, as TypeScript reads them)
 * that reach outside `may`: a relative path to another folder, or one of Astro's virtual modules
 * (`astro:…`), which only the site has.
 */
function importsAbove(file: string, source: string, may: readonly string[]): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => {
      if (!specifier.startsWith('.')) return specifier.startsWith('astro:');
      const target = resolve(dirname(file), specifier);
      return !may.some((dir) => !relative(join(root, dir), target).startsWith('..'));
    });
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? sourceFiles(path) : [path];
    }),
  );
  return nested.flat().filter((path) => /\.(ts|mts|js|mjs|astro)$/.test(path));
}

describe.each(floors)('$dir/', ({ dir, may }) => {
  it(`imports nothing of the project but ${may.join(' and ')}`, async () => {
    const arrows: string[] = [];
    for (const file of await sourceFiles(join(root, dir))) {
      const source = await readFile(file, 'utf8');
      for (const specifier of importsAbove(file, source, may))
        arrows.push(`${relative(root, file)} imports ${specifier}`);
    }
    // A module here that needs something from above receives it as an argument, or moves up
    // beside the one part that uses it.
    expect(arrows).toEqual([]);
  });
});

it('the layer check sees every kind of import that leaves a floor', () => {
  const file = join(root, 'src', 'lib', 'diagrams', 'example.ts');
  const source = [
    "import { ok } from '../i18n.ts';",
    "import { up } from '../../config.ts';",
    "import type { Row } from '../../deliverables/define.ts';",
    "export { page } from '../../site/entries.ts';",
    "const later = await import('../../export/manifest.ts');",
    "import { getCollection } from 'astro:content';",
    "import { z } from 'astro/zod';",
    "const asset = new URL('../../../node_modules/x.js', import.meta.url);",
  ].join('\n');
  expect(importsAbove(file, source, ['src/lib'])).toEqual([
    '../../config.ts',
    '../../deliverables/define.ts',
    '../../site/entries.ts',
    '../../export/manifest.ts',
    'astro:content',
  ]);
  expect(importsAbove(file, source, ['src/lib', 'src/deliverables'])).toEqual([
    '../../config.ts',
    '../../site/entries.ts',
    '../../export/manifest.ts',
    'astro:content',
  ]);
});
