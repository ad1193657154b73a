import { vi } from 'vitest';

/** What `process.exit` throws while `runScriptHere` runs: the script's end, with its code. */
class Exited extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`process.exit(${code})`);
    this.code = code;
  }
}

/**
 * Runs one of Part 1's scripts in this process, freshly imported, with `args` after its name and
 * `env` in the environment, and returns its exit code and what it printed. A script's
 * `process.exit(1)` ends the script here instead of the test's process. The modules it loads from
 * node_modules (the CDK, the AWS SDK) stay loaded for the next run: the CDK's validation engine,
 * which takes seconds to start, starts once per test process instead of once per synth.
 */
export async function runScriptHere(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = process.argv;
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exited(Number(code ?? 0));
  });
  const printed = (...spies: (typeof log)[]) =>
    spies.flatMap((spy) => spy.mock.calls.map((line) => line.join(' '))).join('\n');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  process.argv = [argv[0]!, script, ...args];
  vi.resetModules();
  try {
    await import(script);
    return { code: 0, stdout: printed(log), stderr: printed(warn, error) };
  } catch (thrown) {
    if (!(thrown instanceof Exited)) throw thrown;
    return { code: thrown.code, stdout: printed(log), stderr: printed(warn, error) };
  } finally {
    process.argv = argv;
    // The next test file may run in this process: it finds the environment as it was.
    vi.unstubAllEnvs();
    for (const spy of [log, warn, error, exit]) spy.mockRestore();
  }
}
