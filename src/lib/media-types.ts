import { basename, extname } from 'node:path';

const byExtension: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  // Part 1's sources: shown as text, never run or guessed at (a host may call `.ts` a video).
  '.py': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
};

/**
 * The media type a file is served with, from its name: by the site's `/submission/` endpoint, by
 * the static server the tests and the export print from, and named on the download links. Files
 * with no extension (`Dockerfile`) and dotfiles (`.gitignore`) are Part 1's plain-text sources.
 */
export function mediaType(path: string): string {
  const name = basename(path);
  if (!name.slice(1).includes('.')) return 'text/plain; charset=utf-8';
  return byExtension[extname(name)] ?? 'application/octet-stream';
}
