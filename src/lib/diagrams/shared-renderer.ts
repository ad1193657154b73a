import { DiagramRenderer } from './render.ts';

let shared: DiagramRenderer | undefined;

/**
 * The renderer every page of one build or dev server uses, so they share one Chromium: the one
 * in KIT_BROWSER_ENDPOINT when the process that started the build has one (the export).
 */
export function sharedRenderer(): DiagramRenderer {
  const browserEndpoint = process.env.KIT_BROWSER_ENDPOINT;
  shared ??= new DiagramRenderer(browserEndpoint ? { browserEndpoint } : {});
  return shared;
}

export async function closeSharedRenderer(): Promise<void> {
  const renderer = shared;
  shared = undefined;
  await renderer?.close();
}
