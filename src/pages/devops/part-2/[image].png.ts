import { readFile } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { originalImagePath } from '../../../lib/original-image.ts';

/** Serves the challenge's original diagram at `/devops/part-2/original.png`, when it exists. */
export async function getStaticPaths() {
  const entries = await getCollection('devopsPart2');
  return entries.flatMap((entry) => {
    const path = originalImagePath(entry.filePath!, entry.data.originalImage);
    return path ? [{ params: { image: 'original' }, props: { path } }] : [];
  });
}

export const GET: APIRoute = async ({ props }) =>
  new Response(await readFile((props as { path: string }).path), {
    headers: { 'content-type': 'image/png' },
  });
