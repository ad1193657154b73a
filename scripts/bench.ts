// npm run bench: our renderer, cold and warm, against the renderers a docs build would reach for
// (mermaid-isomorphic, rehype-mermaid's engine; @mermaid-js/mermaid-cli per file and in batch), on
// this repository's diagrams with the same icons, in one run, so that only the ratios count.
//
//   npm run bench                  every row, each run once
//   npm run bench -- --repeat=3    every row three times, interleaved; prints the median and the spread
//   npm run bench -- --quick       without mermaid-cli (its two rows take a minute or more)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { chromium } from 'playwright';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { findBrowser } from '../src/lib/browser.ts';
import { runCommand } from '../src/lib/command.ts';
import { isVerbose } from '../src/config.ts';
import { iconPrefix, iconsFor } from '../src/lib/diagrams/icons.ts';
import { ownedTempDir } from '../src/lib/leftovers.ts';
import { mermaidConfig } from '../src/lib/diagrams/mermaid-config.ts';
import {
  DiagramRenderer,
  type DiagramSource,
  type RenderPhase,
} from '../src/lib/diagrams/render.ts';

// The package exports no path to its command; npm links it here. Run under this (pinned) Node.
const mmdc = fileURLToPath(new URL('../node_modules/.bin/mmdc', import.meta.url));
// Removed when the bench exits, however it ends (src/lib/leftovers.ts).
const work = ownedTempDir('bench');

const diagrams: DiagramSource[] = readdirSync('diagrams')
  .filter((name) => name.endsWith('.mmd'))
  .sort()
  .map((name) => ({
    file: `diagrams/${name}`,
    source: readFileSync(join('diagrams', name), 'utf8'),
  }));
/** Every icon any diagram names, as one pack: the same official icons for every renderer. */
const icons = iconsFor(diagrams.map((d) => d.source).join('\n'), 'diagrams');
const n = diagrams.length;
const all = `${2 * n} SVG + ${n} PNG`;

interface Row {
  run: string;
  produces: string;
  files: number;
  /** Seconds, one per repetition. */
  seconds: number[];
  launches?: number;
}

type Phases = Map<RenderPhase, { ms: number; count: number }>;

/**
 * One run of our renderer in a browser session of its own. `concurrent`: every file asked for at
 * once, as the export and the build do; else one after another, each awaited. `tabs`: the
 * renderer's layout tabs (one by default, as the export and the build use it). `deriveDark`:
 * whether the dark SVG is derived from the light layout (as the export and the build do) or laid
 * out again in the dark theme.
 */
async function ours(
  cacheDir: string,
  {
    png = true,
    concurrent = true,
    tabs = 1,
    deriveDark = true,
    phases,
  }: {
    png?: boolean;
    concurrent?: boolean;
    tabs?: number;
    deriveDark?: boolean;
    phases?: Phases;
  },
): Promise<{ seconds: number; launches: number }> {
  const session = new BrowserSession();
  const renderer = new DiagramRenderer({
    session,
    cacheDir,
    // The bench measures, under whatever load the machine has: no render is cut short.
    timeoutMs: 600_000,
    tabs,
    deriveDark,
    onPhase: (phase, ms) => {
      const sum = phases?.get(phase) ?? { ms: 0, count: 0 };
      phases?.set(phase, { ms: sum.ms + ms, count: sum.count + 1 });
    },
  });
  const jobs = diagrams.flatMap((diagram) => [
    () => renderer.svg(diagram, 'default'),
    () => renderer.svg(diagram, 'dark'),
    ...(png ? [() => renderer.png(diagram)] : []),
  ]);
  const started = performance.now();
  try {
    if (concurrent) await Promise.all(jobs.map((job) => job()));
    else for (const job of jobs) await job();
    await renderer.close();
    return { seconds: (performance.now() - started) / 1000, launches: session.running ? 1 : 0 };
  } finally {
    await session.close();
  }
}

/**
 * mermaid-isomorphic as rehype-mermaid calls it: one browser, each call a page rendering all its
 * diagrams at once; light and dark are two calls, side by side. Its PNG is a screenshot at the
 * page's scale 1, bounded by its 1280 px viewport. It brings its own Mermaid (11).
 */
async function isomorphic(browserPath: string, png: boolean): Promise<number> {
  const render = createMermaidRenderer({
    browserType: chromium,
    launchOptions: { executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu'] },
  });
  const sources = diagrams.map((d) => d.source);
  const iconPacks = icons ? [{ name: iconPrefix, icons }] : [];
  const config = { ...mermaidConfig, themeVariables: { ...mermaidConfig.themeVariables } };
  const started = performance.now();
  const results = await Promise.all([
    render(sources, { mermaidConfig: { ...config, theme: 'default' }, iconPacks, screenshot: png }),
    render(sources, { mermaidConfig: { ...config, theme: 'dark' }, iconPacks }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const failed = results.flat().find((result) => result.status === 'rejected');
  if (failed) throw new Error(`mermaid-isomorphic failed: ${String(failed.reason)}`);
  return seconds;
}

function mermaidCliSetup(browserPath: string) {
  const config = join(work, 'puppeteer.json');
  writeFileSync(
    config,
    JSON.stringify({
      executablePath: browserPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }),
  );
  const home = mkdtempSync(join(work, 'home-'));
  // mermaid-cli loads icon packs from a URL: hand it the same official icons ours uses.
  const iconFile = join(work, 'icons.json');
  writeFileSync(iconFile, JSON.stringify(icons));
  const mmd = (input: string, output: string, extra: readonly string[]) => {
    const run = spawnSync(
      process.execPath,
      [
        mmdc,
        '-q',
        '-i',
        input,
        '-o',
        output,
        '-p',
        config,
        '--iconPacksNamesAndUrls',
        `${iconPrefix}#file://${iconFile}`,
        ...extra,
      ],
      {
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new Error(`mermaid-cli failed on ${input}:\n${run.stderr}`);
  };
  return mmd;
}

const outputs = [
  ['.svg', []],
  ['-dark.svg', ['-t', 'dark']],
  ['.png', ['-s', '2']],
] as const;

/** mermaid-cli started once per output file, the slowest way to use it. */
function mermaidCliPerFile(mmd: ReturnType<typeof mermaidCliSetup>): number {
  const started = performance.now();
  for (const [index, diagram] of diagrams.entries()) {
    const input = join(work, `d${index}.mmd`);
    writeFileSync(input, diagram.source);
    for (const [suffix, extra] of outputs) mmd(input, join(work, `d${index}${suffix}`), extra);
  }
  return (performance.now() - started) / 1000;
}

/** mermaid-cli's batch mode: one Markdown file with every diagram, one process per output kind. */
function mermaidCliBatch(mmd: ReturnType<typeof mermaidCliSetup>): number {
  const input = join(work, 'all.md');
  writeFileSync(input, diagrams.map((d) => '```mermaid\n' + d.source + '\n```\n').join('\n'));
  const started = performance.now();
  for (const [index, [suffix, extra]] of outputs.entries()) {
    const output = join(work, `batch${index}.md`);
    const format = suffix.endsWith('.png') ? 'png' : 'svg';
    mmd(input, output, [...extra, '-e', format, '-a', mkdtempSync(join(work, 'batch-'))]);
  }
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const spread = (values: number[]) =>
  values.length > 1 ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '';

await runCommand(
  'bench',
  async () => {
    const browser = await findBrowser();
    const repeat = Number(
      /^--repeat=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--repeat=')) ?? '')?.[1] ?? 1,
    );
    const quick = process.argv.includes('--quick');
    const mmd = mermaidCliSetup(browser.path);

    // Every row but the SVG-only ones produces all the files, PNGs at scale 2.
    const everyFile = (run: string, extra: Partial<Row> = {}): Row => ({
      run,
      produces: `${all} (scale 2)`,
      files: 3 * n,
      seconds: [],
      ...extra,
    });
    const rows: Row[] = [
      ...(quick
        ? []
        : [
            everyFile('mermaid-cli, a process per file'),
            everyFile('mermaid-cli, batch (3 processes)'),
          ]),
      everyFile('mermaid-isomorphic', { produces: `${all} (scale 1, viewport-bound)` }),
      { run: 'mermaid-isomorphic', produces: `${2 * n} SVG`, files: 2 * n, seconds: [] },
      everyFile('ours, cold', { launches: 0 }),
      { run: 'ours, cold', produces: `${2 * n} SVG`, files: 2 * n, seconds: [] },
      everyFile('ours, cold, dark laid out again'),
      {
        run: 'ours, cold, dark laid out again',
        produces: `${2 * n} SVG`,
        files: 2 * n,
        seconds: [],
      },
      everyFile('ours, cold, each file awaited in turn'),
      everyFile('ours, cold, two layout tabs'),
      everyFile('ours, warm', { launches: 0 }),
    ];
    const row = (run: string, files: number) =>
      rows.find((r) => r.run === run && r.files === files)!;
    const phasesCold: Phases = new Map();
    const phasesInTurn: Phases = new Map();
    const phasesLaidOut: Phases = new Map();
    for (let round = 0; round < repeat; round++) {
      if (!quick) {
        row('mermaid-cli, a process per file', 3 * n).seconds.push(mermaidCliPerFile(mmd));
        row('mermaid-cli, batch (3 processes)', 3 * n).seconds.push(mermaidCliBatch(mmd));
      }
      row('mermaid-isomorphic', 3 * n).seconds.push(await isomorphic(browser.path, true));
      row('mermaid-isomorphic', 2 * n).seconds.push(await isomorphic(browser.path, false));
      const cacheDir = join(work, `cache-${round}`);
      const cold = await ours(cacheDir, { phases: phasesCold });
      row('ours, cold', 3 * n).seconds.push(cold.seconds);
      row('ours, cold', 3 * n).launches = cold.launches;
      row('ours, cold', 2 * n).seconds.push(
        (await ours(join(work, `svg-${round}`), { png: false })).seconds,
      );
      const laidOut = { deriveDark: false, phases: phasesLaidOut };
      row('ours, cold, dark laid out again', 3 * n).seconds.push(
        (await ours(join(work, `laid-out-${round}`), laidOut)).seconds,
      );
      row('ours, cold, dark laid out again', 2 * n).seconds.push(
        (await ours(join(work, `laid-out-svg-${round}`), { ...laidOut, png: false })).seconds,
      );
      const inTurn = await ours(join(work, `turn-${round}`), {
        concurrent: false,
        phases: phasesInTurn,
      });
      row('ours, cold, each file awaited in turn', 3 * n).seconds.push(inTurn.seconds);
      row('ours, cold, two layout tabs', 3 * n).seconds.push(
        (await ours(join(work, `tabs-${round}`), { tabs: 2 })).seconds,
      );
      const warm = await ours(cacheDir, {});
      row('ours, warm', 3 * n).seconds.push(warm.seconds);
      row('ours, warm', 3 * n).launches = warm.launches;
    }

    const iso = median(row('mermaid-isomorphic', 3 * n).seconds);
    const isoSvg = median(row('mermaid-isomorphic', 2 * n).seconds);
    console.log(
      `${n} diagrams, light and dark, the PNG of the light one; browser: ${browser.path}; ${repeat} run(s), median${repeat > 1 ? ' and range' : ''}\n`,
    );
    console.log(
      '| run | what it produces | time (s) | range (s) | launches | mermaid-isomorphic (same files) ÷ this |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const t = median(r.seconds);
      const anchor = r.files === 2 * n ? isoSvg : iso;
      console.log(
        `| ${r.run} | ${r.produces} | ${t.toFixed(2)} | ${spread(r.seconds)} | ${r.launches ?? ''} | ${(anchor / t).toFixed(1)}× |`,
      );
    }
    const phaseLine = (phases: Phases) =>
      [...phases]
        .map(
          ([phase, { ms, count }]) =>
            `${phase} ${(ms / 1000 / repeat).toFixed(2)} s (${count / repeat}×)`,
        )
        .join(', ');
    console.log(
      `\nWhere ours' cold time goes (summed over jobs; PNGs overlap the layouts when all are asked at once, so the sum can exceed the wall time; ` +
        `tab: opening a tab, and the browser the first time; mermaid: loading Mermaid in it; layout: laying a diagram out; ` +
        `dark: the two probes a dark SVG is derived with, and the derivation; png: the screenshot):\n` +
        `- all at once (as the export and the build ask): ${phaseLine(phasesCold)}\n- each file awaited in turn: ${phaseLine(phasesInTurn)}\n` +
        `- dark laid out again (both rows): ${phaseLine(phasesLaidOut)}`,
    );
    const cold = median(row('ours, cold', 3 * n).seconds);
    const coldSvg = median(row('ours, cold', 2 * n).seconds);
    const warm = row('ours, warm', 3 * n);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const targets = [
      `SVG ≥ 2× faster than mermaid-isomorphic's SVG (${(isoSvg / coldSvg).toFixed(1)}×: ${met(isoSvg / coldSvg >= 2)})`,
      `all ${3 * n} files faster than mermaid-isomorphic's (${(iso / cold).toFixed(1)}×: ${met(cold < iso)})`,
    ];
    if (!quick) {
      const cli = median(row('mermaid-cli, a process per file', 3 * n).seconds);
      targets.push(
        `≥ 12× faster than mermaid-cli per file (${(cli / cold).toFixed(1)}×: ${met(cli / cold >= 12)})`,
      );
    }
    targets.push(
      `warm launches no browser (${met(warm.launches === 0)}) and takes under 1 s (${met(median(warm.seconds) < 1)})`,
    );
    console.log(`\nTargets, ours cold: ${targets.join('; ')}.`);
  },
  { verbose: isVerbose(process.env, process.argv) },
);
