import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The challenge's own diagram, when the candidate has put it beside the content file. */
export function originalImagePath(contentFile: string, relative: string): string | undefined {
  const path = join(dirname(contentFile), relative);
  return existsSync(path) ? path : undefined;
}
