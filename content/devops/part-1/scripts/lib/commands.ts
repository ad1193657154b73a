import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The folder of `package.json` and `cdk.json`, where every command runs. */
export const projectDir = fileURLToPath(new URL('../..', import.meta.url));

/** A command that failed: says which, and what it printed on stderr. */
export class CommandError extends Error {
  readonly stderr: string;

  constructor(command: string, status: number | null, stderr: string) {
    super(
      `\`${command}\` failed (exit ${status ?? 'signal'})${stderr ? `:\n${stderr.trim()}` : '.'}`,
    );
    this.stderr = stderr;
  }
}

/** A problem the person running the script can fix; printed without a stack trace. */
export class UsageError extends Error {}

function spawn(command: string, args: readonly string[], inherit: boolean) {
  const result = spawnSync(command, args, {
    cwd: projectDir,
    encoding: 'utf8',
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    if (process.platform === 'win32') {
      throw new UsageError(
        `\`${command}\` could not be started: these scripts run on macOS, Linux or WSL (Windows Subsystem for Linux), not in a Windows shell.`,
      );
    }
    throw new UsageError(
      `\`${command}\` was not found on PATH. ${installHints[command] ?? ''}`.trim(),
    );
  }
  if (result.error) throw result.error;
  return result;
}

const installHints: Record<string, string> = {
  docker:
    'Install Docker and start it: -c imageBuild=local builds the image on this machine. Without that setting, the image is built in AWS and Docker is not needed.',
  cdk: 'Run `npm install` in this folder first; it installs the CDK CLI.',
};

/** Runs a command that shows its own progress (cdk deploy, waiting for ECS). */
export function run(command: string, args: readonly string[]): void {
  const result = spawn(command, args, true);
  if (result.status !== 0) throw new CommandError([command, ...args].join(' '), result.status, '');
}

/** Runs a command quietly and returns what it printed. */
export function capture(command: string, args: readonly string[]): string {
  const result = spawn(command, args, false);
  if (result.status !== 0) {
    throw new CommandError([command, ...args].join(' '), result.status, result.stderr);
  }
  return result.stdout;
}

/** Runs a script's body, printing a failure as one clear message and exiting non-zero. */
export async function main(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UsageError || error instanceof CommandError) {
      console.error(`\n✗ ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
