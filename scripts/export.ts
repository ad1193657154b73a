// npm run export [-- --lang es] [--out DIR] [--content DIR] [--diagrams DIR] [--no-pdf]: writes
// submission/, all or nothing.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ChecklistError, formatChecklist } from '../src/lib/brief-checklist.ts';
import { ContentError, ContentErrors } from '../src/lib/content-error.ts';
import { languages, type Lang } from '../src/lib/i18n.ts';
import { byteSize } from '../src/export/manifest.ts';
import { runExport } from '../src/export/run-export.ts';

const usage =
  'usage: npm run export -- [--lang en|es] [--out DIR] [--content DIR] [--diagrams DIR] [--no-pdf]';

function fail(message: string): never {
  console.error(`export failed: ${message}`);
  console.error('Nothing was changed in the output folder.');
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      lang: { type: 'string', default: 'en' },
      out: { type: 'string', default: 'submission' },
      content: { type: 'string', default: 'content' },
      diagrams: { type: 'string', default: 'diagrams' },
      // The PDFs need a build of the site; without them the export takes a fraction of the time.
      'no-pdf': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (!languages.includes(values.lang as Lang))
  fail(`--lang must be one of ${languages.join(', ')}.\n${usage}`);

const started = performance.now();
const outDir = resolve(values.out);
try {
  const { files, checklist } = await runExport({
    contentDir: resolve(values.content),
    diagramsDir: resolve(values.diagrams),
    outDir,
    lang: values.lang as Lang,
    pdf: !values['no-pdf'],
  });
  for (const file of files)
    console.log(
      `${`${values.out}/${file.path}`.padEnd(66)} ${String(byteSize(file.contents)).padStart(8)} B`,
    );
  console.log(`\nThe briefs, checked against what was exported:\n${formatChecklist(checklist)}\n`);
  console.log(
    `${files.length} files written to ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
} catch (error) {
  if (
    error instanceof ContentError ||
    error instanceof ContentErrors ||
    error instanceof ChecklistError
  )
    fail(error.message);
  throw error;
}
