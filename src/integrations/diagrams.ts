import type { AstroIntegration } from 'astro';
import { closeSharedRenderer } from '../lib/diagrams/shared-renderer.ts';

/**
 * Closes the diagrams' Chromium when a build or dev server ends, and in `astro dev` reloads the
 * page when a `.mmd` file changes: pages read diagrams from disk, which Vite does not watch.
 */
export function diagrams(): AstroIntegration {
  return {
    name: 'submission-kit:diagrams',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.watcher.add('diagrams');
        server.watcher.on('change', (path) => {
          if (path.endsWith('.mmd')) server.ws.send({ type: 'full-reload' });
        });
      },
      'astro:server:done': closeSharedRenderer,
      'astro:build:done': closeSharedRenderer,
    },
  };
}
