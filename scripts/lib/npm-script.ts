import { run, type RunOptions } from '../../src/lib/run-command.ts';

/** An npm script that has ended: whether it passed, and a way to print what it printed. */
export interface NpmScriptRun {
  passed: boolean;
  /** Prints its output whole, under its name, and a line if it failed. */
  print(): void;
}

/** Runs `npm run <name>` and keeps its output, so that scripts run side by side do not mix lines. */
export async function npmScript(name: string, options?: RunOptions): Promise<NpmScriptRun> {
  const result = await run('npm', ['run', '--silent', name], options);
  return {
    passed: result.code === 0,
    print() {
      process.stdout.write(`> npm run ${name}\n${result.stdout}`);
      process.stderr.write(result.stderr);
      if (result.code !== 0) process.stderr.write(`npm run ${name} failed (exit ${result.code})\n`);
    },
  };
}
