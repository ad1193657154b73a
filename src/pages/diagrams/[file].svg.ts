import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { displayPath } from '../../lib/content-error.ts';
import { darkSuffix, diagramForPage } from '../../site/diagram-markup.ts';
import { siteRuntime } from '../../site/runtime.ts';

/**
 * Every diagram as a standalone SVG file: `/diagrams/<name>.svg`, for readers who need to zoom, and
 * `/diagrams/<name>.dark.svg`, the rendering a page shows in dark mode, as an image.
 */
export async function getStaticPaths() {
  const names = (await readdir(siteRuntime().config.diagramsDir))
    .filter((name) => name.endsWith('.mmd'))
    .map((name) => name.slice(0, -'.mmd'.length));
  return names.flatMap((name) => [
    { params: { file: name } },
    { params: { file: name + darkSuffix } },
  ]);
}

export const GET: APIRoute = async ({ params }) => {
  const { config, renderer } = siteRuntime();
  const file = params.file!;
  const dark = file.endsWith(darkSuffix);
  const path = join(config.diagramsDir, `${dark ? file.slice(0, -darkSuffix.length) : file}.mmd`);
  const svg = await renderer.svg(
    { file: displayPath(path), source: await readFile(path, 'utf8') },
    dark ? 'dark' : 'default',
  );
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${diagramForPage(svg)}`, {
    headers: { 'content-type': 'image/svg+xml' },
  });
};
