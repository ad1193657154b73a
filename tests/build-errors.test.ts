// Builds meant to fail: each stops early, at its first broken file, and does not count among the
// suite's full builds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configVariables as v } from '../src/config.ts';
import { astroBuild, runAstro } from '../src/lib/astro-build.ts';
import { oneBuildAtATime } from './helpers/build-lock.ts';
import { copyContent, copyDiagrams, edit } from './helpers/content-copy.ts';
import { tempDir } from './helpers/temp.ts';
import { runScript } from './helpers/run-script.ts';

/** A copy of the content with three faults in two deliverables, each on its own file. */
async function brokenContent(): Promise<string> {
  const content = await copyContent();
  await edit(join(content, 'system-security', 'en.mdx'), 'lang: en', 'lang: fr');
  await edit(
    join(content, 'system-security', 'es.mdx'),
    '## A02:2021 – Fallas Criptográficas',
    '## A02:2021 – Fallos criptográficos',
  );
  await edit(join(content, 'english', 'script.txt'), 'Hello,', `Hello, ${'again and '.repeat(20)}`);
  return content;
}

/** Each fault, as every command must report it: once, with its file, line and fix. */
const faults = [
  /content\/system-security\/en\.mdx:\d+: frontmatter field “lang”: Invalid option: expected one of "en"\|"es"\n {2}Fix: correct “lang”/g,
  /system-security\/es\.mdx:\d+:1: “A02:2021 – Fallos criptográficos” is not an OWASP Top 10 2021 category[^\n]*\n {2}Fix: write the heading as “## A02:2021 – Fallas Criptográficas”/g,
  /english\/script\.txt: the script takes about \d+ s \(\d+ words at 130 words a minute\); it must take 30–55 s/g,
];

function expectEachOnce(output: string): void {
  for (const fault of faults) expect(output.match(fault), String(fault)).toHaveLength(1);
  // The messages say it all; a stack would bury them.
  expect(output).not.toMatch(/Stack trace|^\s+at /m);
}

/** Builds the site from other content or diagrams, with its own caches and output. */
async function buildWith(env: Record<string, string>) {
  const dir = await tempDir('broken-build');
  return oneBuildAtATime(() =>
    astroBuild(join(dir, 'dist'), { [v.astroCacheDir]: join(dir, 'cache'), ...env }),
  );
}

describe('a fault in the content gives exactly one error', () => {
  it('in npm run build, every fault at once, each with its file, line and fix', async () => {
    const { code, output } = await buildWith({ [v.contentDir]: await brokenContent() });
    expect(code).not.toBe(0);
    expectEachOnce(output);
  });

  it('in npm run dev, which stops with the same message', async () => {
    const dir = await tempDir('broken-dev');
    const content = await brokenContent();
    const { code, output } = await oneBuildAtATime(() =>
      runAstro('dev', ['--port', '0'], {
        [v.contentDir]: content,
        [v.astroCacheDir]: join(dir, 'cache'),
      }),
    );
    expect(code).not.toBe(0);
    expectEachOnce(output);
  });

  it('in npm run export, before any file is written', async () => {
    const out = join(await tempDir('broken-export'), 'submission');
    const { code, stderr } = await runScript('export', [
      '--no-pdf',
      '--out',
      out,
      '--content',
      await brokenContent(),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^export failed: \d+ problems in the content:/);
    expectEachOnce(stderr);
  });
});

describe('the build refuses', () => {
  it('a diagram with a syntax error, naming the file, the line and Mermaid’s message', async () => {
    const diagrams = await copyDiagrams();
    await edit(join(diagrams, 'instagram-stories.es.mmd'), '  fan -->|', '  fan --> -->|');
    const { code, output } = await buildWith({ [v.diagramsDir]: diagrams });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /diagrams\/instagram-stories\.es\.mmd:\d+: Mermaid cannot read this diagram: Parse error on line \d+/,
    );
  });

  it('to render without a browser, saying how to get one, with no stack', async () => {
    const { code, output } = await buildWith({
      [v.diagramCacheDir]: await tempDir('cold-cache'),
      PUPPETEER_EXECUTABLE_PATH: '/nonexistent',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /PUPPETEER_EXECUTABLE_PATH is \/nonexistent, and no file is there\.\nGet one of these:/,
    );
    expect(output).not.toMatch(/Stack trace|^\s+at /m);
  });
});
