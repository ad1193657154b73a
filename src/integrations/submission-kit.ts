import type { AstroIntegration } from 'astro';
import type { KitConfig } from '../config.ts';
import { startSite, stopSite } from '../site/runtime.ts';

/**
 * Owns what a build or dev server of the kit shares: its configuration and its one browser,
 * closed when the build or the server ends. In `astro dev` it reloads the page when a diagram
 * changes: pages read diagrams from disk, which Vite does not watch.
 */
export function submissionKit(config: KitConfig): AstroIntegration {
  return {
    name: 'submission-kit',
    hooks: {
      'astro:config:setup': () => {
        startSite(config);
      },
      'astro:server:setup': ({ server }) => {
        server.watcher.add(config.diagramsDir);
        server.watcher.on('change', (path) => {
          if (path.endsWith('.mmd')) server.ws.send({ type: 'full-reload' });
        });
      },
      'astro:server:done': stopSite,
      'astro:build:done': stopSite,
    },
  };
}
