import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/root.ts';

const lib = join(root, 'src', 'lib');

/**
 * The imports of `file` (static, type-only, re-exports and dynamic ones, as TypeScript reads them)
 * that leave `src/lib/`: a relative path out of it, or one of Astro's virtual modules (`astro:…`),
 * which only the site has.
 */
function importsAbove(file: string, source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) =>
      specifier.startsWith('.')
        ? relative(lib, resolve(dirname(file), specifier)).startsWith('..')
        : specifier.startsWith('astro:'),
    );
}

async function libFiles(dir = lib): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? libFiles(path) : [path];
    }),
  );
  return nested.flat().filter((path) => /\.(ts|mts|js|mjs|astro)$/.test(path));
}

describe('src/lib/, the floor every part stands on,', () => {
  it('imports nothing above it', async () => {
    const arrows: string[] = [];
    for (const file of await libFiles()) {
      const source = await readFile(file, 'utf8');
      for (const specifier of importsAbove(file, source))
        arrows.push(`${relative(root, file)} imports ${specifier}`);
    }
    // A module of src/lib/ that needs something from above receives it as an argument, or moves up
    // beside the one part that uses it.
    expect(arrows).toEqual([]);
  });

  it('is checked for every kind of import that leaves it', () => {
    const file = join(lib, 'diagrams', 'example.ts');
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
    expect(importsAbove(file, source)).toEqual([
      '../../config.ts',
      '../../deliverables/define.ts',
      '../../site/entries.ts',
      '../../export/manifest.ts',
      'astro:content',
    ]);
  });
});
