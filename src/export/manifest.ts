import { createHash } from 'node:crypto';
import type { ExportFile } from './types.ts';

export function sha256(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex');
}

export function byteSize(contents: string | Uint8Array): number {
  return typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
}

/**
 * `MANIFEST.md`: every file handed in, its size, its sha256 and the brief it answers, so a
 * reviewer can check that what arrived is what was exported. No date: the same content gives
 * the same manifest. The PDFs are not in it: they are printed from the built site, which serves
 * this very file, so the export and the site hand out the same manifest.
 */
export function manifest(files: readonly ExportFile[]): ExportFile {
  const rows = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(
      (f) => `| \`${f.path}\` | ${byteSize(f.contents)} | \`${sha256(f.contents)}\` | ${f.brief} |`,
    );
  const contents = [
    '# Submission manifest',
    '',
    'The files of this submission, as `npm run export` wrote them. Check one with `sha256sum FILE`.',
    '',
    'Besides them, `pdf/` holds prints of the site’s pages, one per deliverable and language, for',
    'reading on paper or offline; they are not listed here.',
    '',
    '| File | Bytes | SHA-256 | Answers |',
    '| --- | ---: | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  return { path: 'MANIFEST.md', contents, brief: 'This list' };
}
