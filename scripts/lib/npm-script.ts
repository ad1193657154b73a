import { run, type RunOptions } from '../../src/lib/run-command.ts';

/**
 * Runs `npm run <name>` and prints what it printed, whole, when it ends, so that scripts run side
 * by side do not mix their lines. Says whether it passed.
 */
export async function npmScript(name: string, options?: RunOptions): Promise<boolean> {
  const result = await run('npm', ['run', '--silent', name], options);
  process.stdout.write(`> npm run ${name}\n${result.stdout}`);
  process.stderr.write(result.stderr);
  if (result.code !== 0) process.stderr.write(`npm run ${name} failed (exit ${result.code})\n`);
  return result.code === 0;
}
