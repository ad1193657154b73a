// npm run bench: our renderer, cold and warm, against @mermaid-js/mermaid-cli (one process per
// output file, as a docs build would call it), on this repository's diagrams, in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { findBrowser } from '../src/lib/browser.ts';
import { runCommand } from '../src/lib/command.ts';
import { isVerbose } from '../src/config.ts';
import { iconPrefix, iconsFor } from '../src/lib/diagrams/icons.ts';
import { ownedTempDir } from '../src/lib/leftovers.ts';
import { DiagramRenderer, type DiagramSource } from '../src/lib/diagrams/render.ts';

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
const outputs = diagrams.length * 3;

/** One run of our renderer in a browser session of its own: its time, and whether it launched one. */
async function ours(cacheDir: string): Promise<{ seconds: number; launches: number }> {
  const session = new BrowserSession();
  const renderer = new DiagramRenderer({ session, cacheDir });
  const started = performance.now();
  try {
    for (const diagram of diagrams) {
      await renderer.svg(diagram, 'default');
      await renderer.svg(diagram, 'dark');
      await renderer.png(diagram);
    }
    await renderer.close();
    return { seconds: (performance.now() - started) / 1000, launches: session.running ? 1 : 0 };
  } finally {
    await session.close();
  }
}

function mermaidCli(browserPath: string): number {
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
  const icons = join(work, 'icons.json');
  writeFileSync(
    icons,
    JSON.stringify(iconsFor(diagrams.map((d) => d.source).join('\n'), 'diagrams')),
  );
  const started = performance.now();
  for (const [index, diagram] of diagrams.entries()) {
    const input = join(work, `d${index}.mmd`);
    writeFileSync(input, diagram.source);
    for (const [output, extra] of [
      [`d${index}.svg`, []],
      [`d${index}-dark.svg`, ['-t', 'dark']],
      [`d${index}.png`, ['-s', '2']],
    ] as const) {
      const run = spawnSync(
        process.execPath,
        [
          mmdc,
          '-q',
          '-i',
          input,
          '-o',
          join(work, output),
          '-p',
          config,
          '--iconPacksNamesAndUrls',
          `${iconPrefix}#file://${icons}`,
          ...extra,
        ],
        {
          env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
          encoding: 'utf8',
        },
      );
      if (run.status !== 0)
        throw new Error(`mermaid-cli failed on ${diagram.file}:\n${run.stderr}`);
    }
  }
  return (performance.now() - started) / 1000;
}

await runCommand(
  'bench',
  async () => {
    const browser = await findBrowser();

    const cacheDir = join(work, 'cache');
    const cold = await ours(cacheDir);
    const warm = await ours(cacheDir);
    const cli = mermaidCli(browser.path);

    const perFile = (seconds: number) => `${((seconds / outputs) * 1000).toFixed(0)} ms`;
    console.log(
      `${diagrams.length} diagrams × (SVG light, SVG dark, PNG) = ${outputs} files; browser: ${browser.path}\n`,
    );
    console.log('| run | total | per file | launches | mermaid-cli ÷ this |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(
      `| mermaid-cli, a process per file | ${cli.toFixed(2)} s | ${perFile(cli)} | ${outputs} | 1.0× |`,
    );
    console.log(
      `| ours, cold | ${cold.seconds.toFixed(2)} s | ${perFile(cold.seconds)} | ${cold.launches} | ${(cli / cold.seconds).toFixed(1)}× |`,
    );
    console.log(
      `| ours, warm | ${warm.seconds.toFixed(2)} s | ${perFile(warm.seconds)} | ${warm.launches} | ${(cli / warm.seconds).toFixed(0)}× |`,
    );
    console.log(
      `\nTargets: cold ≥ 6× faster than mermaid-cli per file (${cli / cold.seconds >= 6 ? 'met' : 'NOT met'}); warm launches no browser (${warm.launches === 0 ? 'met' : 'NOT met'}) and takes under 1 s (${warm.seconds < 1 ? 'met' : 'NOT met'}).`,
    );
  },
  { verbose: isVerbose(process.env, process.argv) },
);
