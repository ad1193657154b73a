import { relative, sep } from 'node:path';
import type { Loader } from 'astro/loaders';
import type { AnyDeliverable } from '../deliverables/index.ts';
import { loadDeliverable } from '../content/load.ts';
import { forAstro } from '../lib/command.ts';
import { siteRuntime } from './runtime.ts';

/**
 * A deliverable's collection: its folder read, parsed and checked once by the loader the export
 * uses too, each page stored with what the site shows of it (frontmatter, what was read beside
 * it, the deliverable's checklist rows). Astro compiles the MDX itself when a page renders.
 */
export function deliverableLoader(deliverable: AnyDeliverable): Loader {
  return {
    name: `submission-kit:${deliverable.id}`,
    async load({ store, config, logger, watcher, generateDigest }) {
      const { contentDir, diagramsDir, verbose } = siteRuntime().config;
      const root = config.root.pathname;
      const sync = async () => {
        const loaded = await loadDeliverable(deliverable, { contentDir, diagramsDir });
        store.clear();
        for (const { file, path, data, extra } of loaded.pages) {
          const stored = { file, data, extra, checklist: loaded.checklist };
          store.set({
            id: data.lang,
            data: stored,
            filePath: relative(root, path).split(sep).join('/'),
            digest: generateDigest(JSON.stringify(stored)),
            deferredRender: true,
          });
        }
      };
      await sync().catch((error: unknown) => {
        throw forAstro(error, verbose);
      });
      // In `astro dev`, a change to the deliverable's content or to a diagram loads it again; a
      // fault is reported once, and the pages keep what loaded last.
      const folder = `${contentDir}/${deliverable.folder}/`;
      watcher?.add(diagramsDir);
      watcher?.on('all', (_event, path) => {
        if (!path.startsWith(folder) && !path.endsWith('.mmd')) return;
        sync().catch((error: Error) => logger.error(error.message));
      });
    },
  };
}
