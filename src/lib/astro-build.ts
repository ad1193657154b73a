import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { run } from './run-command.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

interface BuildResult {
  code: number | null;
  /** What the build printed, stdout and stderr together, without colours. */
  output: string;
}

/**
 * This process's environment for a build. Vite-based runners (Vitest) export `BASE_URL=/` and
 * friends, and a child build would take that over the site's own `base`.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const viteKeys = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !viteKeys.has(key)));
}

/**
 * Runs `astro build` into `outDir` under this (pinned) Node, as `npm run build` does, with `env`
 * on top (KIT_CONTENT_DIR, SITE_BASE…): for the tests, the export's PDFs and the audit.
 */
export async function astroBuild(
  outDir: string,
  env: Record<string, string> = {},
): Promise<BuildResult> {
  const { code, stdout, stderr } = await run(
    process.execPath,
    [astroBin, 'build', '--outDir', outDir],
    {
      cwd: root,
      env: { ...buildEnv(), ASTRO_TELEMETRY_DISABLED: '1', ...env },
    },
  );
  return { code, output: stripVTControlCharacters(stdout + stderr) };
}
