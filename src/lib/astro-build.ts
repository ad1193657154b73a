import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { run } from './run-command.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

interface AstroRun {
  code: number | null;
  /** What Astro printed, stdout and stderr together, without colours. */
  output: string;
}

/**
 * This process's environment for Astro. Vite-based runners (Vitest) export `BASE_URL=/` and
 * friends, and a child build would take that over the site's own `base`.
 */
export function astroEnv(): NodeJS.ProcessEnv {
  const viteKeys = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !viteKeys.has(key)));
}

/**
 * Runs an Astro command (`build`, `dev`) in the project under this (pinned) Node, as `npm run`
 * does, to its end, with `env` on top (KIT_CONTENT_DIR, SITE_BASE…).
 */
export async function runAstro(
  command: 'build' | 'dev',
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<AstroRun> {
  const { code, stdout, stderr } = await run(process.execPath, [astroBin, command, ...args], {
    cwd: root,
    env: { ...astroEnv(), ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  return { code, output: stripVTControlCharacters(stdout + stderr) };
}

/** Runs `astro build` into `outDir`: for the tests, the export's PDFs and the audit. */
export function astroBuild(outDir: string, env: Record<string, string> = {}): Promise<AstroRun> {
  return runAstro('build', ['--outDir', outDir], env);
}

/**
 * Builds the site into `outDir` for a command that goes on to read its pages (the export's PDFs,
 * the audit), with `env` on top: the caller passes its configuration there, and the endpoint of
 * its browser, so that the build renders its diagrams in that browser instead of launching its
 * own. A build that fails throws with what it printed.
 */
export async function buildSiteIn(outDir: string, env: Record<string, string>): Promise<void> {
  const build = await astroBuild(outDir, env);
  if (build.code !== 0) throw new Error(`the site does not build:\n${build.output.trim()}`);
}
