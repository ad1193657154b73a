import { readdir } from 'node:fs/promises';
import { dirname, sep } from 'node:path';

/** Every page of a built site, as the URL path a reader visits (`/es/system-security/`). */
export async function builtPages(siteDir: string): Promise<string[]> {
  const entries = await readdir(siteDir, { recursive: true });
  return entries
    .filter((entry) => entry === 'index.html' || entry.endsWith(`${sep}index.html`))
    .map((entry) => {
      const folder = dirname(entry).split(sep).join('/');
      return folder === '.' ? '/' : `/${folder}/`;
    })
    .sort();
}
