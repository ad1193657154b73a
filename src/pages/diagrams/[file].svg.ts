import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { displayPath } from '../../lib/content-error.ts';
import { diagramForPage } from '../../site/diagram-markup.ts';
import { siteRuntime } from '../../site/runtime.ts';

/** Every diagram as a standalone SVG file, for readers who need to zoom: `/diagrams/<name>.svg`. */
export async function getStaticPaths() {
  const names = (await readdir(siteRuntime().config.diagramsDir)).filter((name) =>
    name.endsWith('.mmd'),
  );
  return names.map((name) => ({ params: { file: name.slice(0, -'.mmd'.length) } }));
}

export const GET: APIRoute = async ({ params }) => {
  const { config, renderer } = siteRuntime();
  const path = join(config.diagramsDir, `${params.file}.mmd`);
  const svg = await renderer.svg({
    file: displayPath(path),
    source: await readFile(path, 'utf8'),
  });
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${diagramForPage(svg)}`, {
    headers: { 'content-type': 'image/svg+xml' },
  });
};
