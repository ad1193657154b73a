import { DiagramRenderer } from './render.ts';

let shared: DiagramRenderer | undefined;

/** The renderer every page of one build or dev server uses, so they share one Chromium. */
export function sharedRenderer(): DiagramRenderer {
  shared ??= new DiagramRenderer();
  return shared;
}

export async function closeSharedRenderer(): Promise<void> {
  const renderer = shared;
  shared = undefined;
  await renderer?.close();
}
