import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mediaType } from './media-types.ts';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a built site on 127.0.0.1 as a static host does: `dir/` answers with `dir/index.html`.
 * With a `base` such as `/kit/`, the site answers under it and nowhere else, as on GitHub Pages.
 */
export async function serve(root: string, base = '/'): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (!pathname.startsWith(base)) throw new Error('outside the base');
      const path = normalize(`/${pathname.slice(base.length)}`);
      let file = join(root, path);
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = mediaType(file);
      // Compressed as GitHub Pages and other static hosts do, so Lighthouse weighs real bytes.
      if (
        /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') &&
        !['image/png', 'application/zip', 'application/pdf'].includes(type)
      ) {
        response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        response.end(gzipSync(body));
        return;
      }
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser that stays open keeps its connections alive; close() would wait for them.
        server.closeAllConnections();
      }),
  };
}
