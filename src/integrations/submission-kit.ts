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
        // The files handed in come from one rest-parameter endpoint, which the build writes under
        // their own names but the dev server (trailingSlash: 'always') matches only with a slash.
        const files = `${config.site.base}submission/`;
        server.middlewares.use((request, _response, next) => {
          const url = request.url ?? '';
          if (url.startsWith(files) && !url.endsWith('/') && !url.includes('?')) {
            request.url = `${url}/`;
          }
          next();
        });
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
