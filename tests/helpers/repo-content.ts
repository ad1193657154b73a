import { join } from 'node:path';
import { loadContent, type LoadedDeliverable } from '../../src/content/load.ts';
import { root } from './root.ts';

let loaded: Promise<LoadedDeliverable[]> | undefined;

/**
 * The repository's own content and diagrams, as the loader reads them: once per worker, since the
 * test files that ask for it share their worker's modules (isolate: false) and never change it.
 */
export function repoContent(): Promise<LoadedDeliverable[]> {
  loaded ??= loadContent({
    contentDir: join(root, 'content'),
    diagramsDir: join(root, 'diagrams'),
  });
  return loaded;
}
