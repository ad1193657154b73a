import type { KitConfig } from '../config.ts';
import { loadContent, type LoadedDeliverable } from '../content/load.ts';
import { handedInFiles } from '../export/handed-in.ts';
import type { ExportFile } from '../export/types.ts';
import { BrowserSession } from '../lib/browser-session.ts';
import { forAstro } from '../lib/command.ts';
import { exitWithParent, sweepLeftovers } from '../lib/leftovers.ts';
import { DiagramRenderer } from '../lib/diagrams/render.ts';

/** What the kit's integration owns for one build or dev server, lent to its loaders and pages. */
interface SiteRuntime {
  config: KitConfig;
  /** The renderer every page shares, in that browser; its failures print as Astro should. */
  renderer: Pick<DiagramRenderer, 'svg'>;
  /** The content as one sync of the collections loads it, shared by all of them. */
  content?: Promise<LoadedDeliverable[]> | undefined;
  /**
   * The files handed in, as the export computes them from that content (same function, same
   * bytes), computed once per load of the content: the pages list them, `/submission/` serves them.
   */
  handedIn(): Promise<ExportFile[]>;
  /** Closes the renderer's tab and the session's browser. */
  close(): Promise<void>;
}

// Astro loads the integration, the content config and the pages as separate module instances of
// one process: the runtime lives on the global object so that all of them see the same one.
const slot = Symbol.for('submission-kit.site-runtime');
const holder = globalThis as { [slot]?: SiteRuntime };

/** Called by the integration when Astro sets up: nothing is launched until a diagram renders. */
export function startSite(config: KitConfig): SiteRuntime {
  // A build or dev server is a command too: it removes what killed runs left.
  sweepLeftovers();
  // A build a command started in its own browser (the export's, the audit's) ends with it.
  if (config.browserEndpoint) exitWithParent();
  // The build's one browser: the export's, when it started the build, else launched at first use.
  const session = new BrowserSession({ endpoint: config.browserEndpoint });
  const renderer = new DiagramRenderer({ session, cacheDir: config.diagramCacheDir });
  let handedIn: { content: Promise<LoadedDeliverable[]>; files: Promise<ExportFile[]> } | undefined;
  const runtime: SiteRuntime = {
    config,
    renderer: {
      svg: (...args) =>
        renderer.svg(...args).catch((error: unknown) => {
          throw forAstro(error, config.verbose);
        }),
    },
    handedIn() {
      const content = (runtime.content ??= loadContent(config));
      if (handedIn?.content !== content) {
        const files = content
          .then((loaded) => handedInFiles(loaded, config, renderer))
          .catch((error: unknown) => {
            throw forAstro(error, config.verbose);
          });
        handedIn = { content, files };
      }
      return handedIn.files;
    },
    close: async () => {
      await renderer.close();
      await session.close();
    },
  };
  holder[slot] = runtime;
  return runtime;
}

export function siteRuntime(): SiteRuntime {
  const runtime = holder[slot];
  if (!runtime) {
    throw new Error(
      'The submission kit’s integration is not set up: astro.config.mjs must list submissionKit(config).',
    );
  }
  return runtime;
}

/** Closes the renderer's tab and the session's browser when the build or the server ends. */
export async function stopSite(): Promise<void> {
  const runtime = holder[slot];
  if (!runtime) return;
  await runtime.close();
}
