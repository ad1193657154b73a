// npm run export [-- --lang es] [--out DIR] [--content DIR] [--diagrams DIR] [--cache DIR] [--site DIR]
// [--no-pdf] [--verbose]:
// writes submission/, all or nothing.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isVerbose, resolveConfig } from '../src/config.ts';
import { byteSize } from '../src/export/manifest.ts';
import { runExport } from '../src/export/run-export.ts';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { formatChecklist } from '../src/deliverables/brief-checklist.ts';
import { interruptionLeaves, runCommand, UsageError } from '../src/lib/command.ts';
import { languages, type Lang } from '../src/lib/i18n.ts';

const usage =
  'usage: npm run export -- [--lang en|es] [--out DIR] [--content DIR] [--diagrams DIR] [--cache DIR] [--site DIR] [--no-pdf] [--verbose]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        lang: { type: 'string', default: 'en' },
        out: { type: 'string', default: 'submission' },
        content: { type: 'string', default: 'content' },
        diagrams: { type: 'string', default: 'diagrams' },
        // Where rendered diagrams are kept between runs (node_modules/.cache/submission-kit/diagrams).
        cache: { type: 'string' },
        // Keeps the site built for the PDFs, to serve or inspect, instead of throwing it away.
        site: { type: 'string' },
        // The PDFs need a build of the site; without them the export takes a fraction of the time.
        'no-pdf': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
    if (!languages.includes(values.lang as Lang))
      throw new UsageError(`--lang must be one of ${languages.join(', ')}.`);
    return values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

await runCommand(
  'export',
  async () => {
    const values = options();
    interruptionLeaves(`${values.out}/ is unchanged.`);
    const started = performance.now();
    const config = resolveConfig(process.env, {
      contentDir: values.content,
      diagramsDir: values.diagrams,
      ...(values.cache ? { diagramCacheDir: values.cache } : {}),
      exportLang: values.lang as Lang,
    });
    const session = new BrowserSession({ endpoint: config.browserEndpoint });
    try {
      const { files, checklist } = await runExport({
        config,
        session,
        outDir: resolve(values.out),
        pdf: !values['no-pdf'],
        ...(values.site ? { siteDir: resolve(values.site) } : {}),
      });
      for (const file of files)
        console.log(
          `${`${values.out}/${file.path}`.padEnd(66)} ${String(byteSize(file.contents)).padStart(8)} B`,
        );
      console.log(
        `\nThe briefs, checked against what was exported:\n${formatChecklist(checklist)}\n`,
      );
      console.log(
        `${files.length} files written to ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
    } finally {
      await session.close();
    }
  },
  {
    after: 'Nothing was changed in the output folder.',
    verbose: isVerbose(process.env, process.argv),
  },
);
