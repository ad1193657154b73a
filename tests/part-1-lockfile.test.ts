// Part 1 is handed in with its own lockfile; our tests run it with the root's. They must agree,
// or the reviewer would install something other than what was tested here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/root.ts';
import { part1Dir } from './helpers/part-1.ts';

interface Lockfile {
  packages: Record<
    string,
    {
      version?: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    }
  >;
}
const readJson = async <T>(path: string) => JSON.parse(await readFile(path, 'utf8')) as T;

describe('Part 1’s own lockfile', () => {
  it('locks what its package.json asks for', async () => {
    const manifest = await readJson<{ dependencies: object; devDependencies: object }>(
      join(part1Dir, 'package.json'),
    );
    const lock = await readJson<Lockfile>(join(part1Dir, 'package-lock.json'));
    expect(lock.packages['']!.dependencies).toEqual(manifest.dependencies);
    expect(lock.packages['']!.devDependencies).toEqual(manifest.devDependencies);
  });

  it('locks every package at the version the repository’s tests ran', async () => {
    const own = await readJson<Lockfile>(join(part1Dir, 'package-lock.json'));
    const repository = await readJson<Lockfile>(join(root, 'package-lock.json'));
    const differences = Object.entries(own.packages)
      .filter(([path]) => path !== '')
      .filter(([path, { version }]) => repository.packages[path]?.version !== version)
      .map(
        ([path, { version }]) =>
          `${path}: ${version} here, ${repository.packages[path]?.version ?? 'absent'} in the root`,
      );
    expect(
      differences,
      'regenerate it: npm install --package-lock-only in a copy of the folder',
    ).toEqual([]);
  });
});
