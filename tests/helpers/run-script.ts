import { run, type Run } from '../../src/lib/run-command.ts';
import { root } from './root.ts';

/**
 * Runs one of the kit's commands, `scripts/<name>.ts`, as `npm run <name>` does: in a Node process
 * of its own, the pinned one, from the repository's root, with `env` on top of this environment.
 */
export function runScript(
  name: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Run> {
  return run(process.execPath, [`scripts/${name}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
}
