import { readFile } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { sitePages } from '../../../site/entries.ts';

/** Serves the challenge's original diagram at `/devops/part-2/original.png`, when it exists. */
export async function getStaticPaths() {
  return (await sitePages('devops-part-2')).flatMap(({ extra }) =>
    extra.original ? [{ params: { image: 'original' }, props: { path: extra.original } }] : [],
  );
}

export const GET: APIRoute = async ({ props }) =>
  new Response(await readFile((props as { path: string }).path), {
    headers: { 'content-type': 'image/png' },
  });
