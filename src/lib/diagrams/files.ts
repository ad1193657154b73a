import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentError, displayPath } from '../content-error.ts';
import { defaultLang, type Lang } from '../i18n.ts';
import type { DiagramSource } from './render.ts';

/** The path of diagram `name` in `lang`: `name.es.mmd` for Spanish, when it exists, else `name.mmd`. */
function diagramPath(name: string, lang: Lang, dir: string): string {
  const translated = join(dir, `${name}.${lang}.mmd`);
  return lang !== defaultLang && existsSync(translated) ? translated : join(dir, `${name}.mmd`);
}

/** Reads a diagram's source, or says which file is missing and where it belongs. */
export async function readDiagram(name: string, lang: Lang, dir: string): Promise<DiagramSource> {
  const path = diagramPath(name, lang, dir);
  const file = displayPath(path);
  try {
    return { file, source: await readFile(path, 'utf8') };
  } catch {
    throw new ContentError(
      file,
      undefined,
      `there is no diagram “${name}”`,
      `create ${file}, or correct the diagram's name.`,
    );
  }
}
