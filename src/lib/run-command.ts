import { spawn, type SpawnOptions } from 'node:child_process';
import { setPriority } from 'node:os';
import { stopOnExit } from './leftovers.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends SpawnOptions {
  /** Its niceness, from -20 to 19 (higher yields more), set as it starts: its children inherit it. */
  priority?: number;
}

/** Runs a command to its end and keeps what it printed. It is killed if this process exits first. */
export function run(
  command: string,
  args: readonly string[],
  { priority, ...options }: RunOptions = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const forget = stopOnExit(() => child.kill('SIGKILL'));
    child.on('error', (error) => {
      forget();
      reject(error);
    });
    child.on('close', (code) => {
      forget();
      resolve({ code, stdout, stderr });
    });
    if (priority !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, priority);
      } catch {
        // Best effort: the command may have ended already.
      }
    }
  });
}
