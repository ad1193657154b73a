import type { APIRoute } from 'astro';
import type { ExportFile } from '../../export/types.ts';
import { mediaType } from '../../lib/media-types.ts';
import { toBytes } from '../../lib/to-bytes.ts';
import { servedPath } from '../../site/handed-in.ts';
import { siteRuntime } from '../../site/runtime.ts';

/**
 * Every file handed in, at `/submission/<its path in submission/>` (a dot leading a name served
 * as `dot-`: see `servedPath`), byte for byte what
 * `npm run export` writes: the build computes them with the export's own function, in the build's
 * browser, and reads the diagrams from the content-keyed cache the export fills.
 */
export async function getStaticPaths() {
  return (await siteRuntime().handedIn()).map((file) => ({
    params: { file: servedPath(file.path) },
    props: { file },
  }));
}

export const GET: APIRoute = ({ props }) => {
  const { path, contents } = (props as { file: ExportFile }).file;
  return new Response(toBytes(contents) as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': mediaType(path) },
  });
};
