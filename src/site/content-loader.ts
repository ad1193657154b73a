import { relative, sep } from 'node:path';
import type { DataStore, Loader } from 'astro/loaders';
import { loadContent, loadDeliverable, type LoadedDeliverable } from '../content/load.ts';
import type { AnyDeliverable } from '../deliverables/index.ts';
import { forAstro } from '../lib/command.ts';
import { siteRuntime } from './runtime.ts';

/** What the site keeps of a page: what it shows and measures, not the tree it was parsed from. */
function store(
  data: DataStore,
  loaded: LoadedDeliverable,
  root: string,
  digest: (data: string) => string,
): void {
  data.clear();
  for (const { file, path, data: frontmatter, extra } of loaded.pages) {
    const stored = { file, data: frontmatter, extra, checklist: loaded.checklist };
    data.set({
      id: frontmatter.lang,
      data: stored,
      filePath: relative(root, path).split(sep).join('/'),
      digest: digest(JSON.stringify(stored)),
      deferredRender: true,
    });
  }
}

/**
 * A deliverable's collection. Every collection of one build takes its pages from one load of the
 * whole content by the loader the export uses too, so each file is read, parsed and checked once,
 * and every fault in the content is reported together, once. Astro compiles the MDX itself when a
 * page renders.
 */
export function deliverableLoader(deliverable: AnyDeliverable): Loader {
  return {
    name: `submission-kit:${deliverable.id}`,
    async load({ store: data, config, logger, watcher, generateDigest }) {
      const runtime = siteRuntime();
      const { contentDir, diagramsDir, verbose } = runtime.config;
      const root = config.root.pathname;
      // In `astro dev`, a change to the deliverable's content or to a diagram loads it again; a
      // fault is reported once, and the pages keep what loaded last.
      const folder = `${contentDir}/${deliverable.route}/`;
      watcher?.add(diagramsDir);
      watcher?.on('all', (_event, path) => {
        if (!path.startsWith(folder) && !path.endsWith('.mmd')) return;
        // A later sync of every collection reads the content afresh.
        runtime.content = undefined;
        loadDeliverable(deliverable, runtime.config)
          .then((loaded) => store(data, loaded, root, generateDigest))
          .catch((error: Error) => logger.error(error.message));
      });
      runtime.content ??= loadContent({ contentDir, diagramsDir });
      try {
        const loaded = (await runtime.content).find((l) => l.deliverable.id === deliverable.id)!;
        store(data, loaded, root, generateDigest);
      } catch (error) {
        throw forAstro(error, verbose);
      }
    },
  };
}
