import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a command makes that must not outlive it: the processes it started (its browser, a build)
 * and its temporary folders. All go when the process exits, whether it ends normally, fails, or
 * is interrupted by a signal it handles (see `runCommand`); a folder that only SIGKILL could leave
 * behind names its owner in a file, so the next run of any command removes it once that is gone.
 */

const stoppers = new Set<() => void>();
const paths = new Set<string>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    // Processes first: a browser or a build still writing into a folder would keep it from going.
    for (const stop of stoppers) {
      try {
        stop();
      } catch {
        // It ended already.
      }
    }
    for (const path of paths) {
      try {
        removeNow(path);
      } catch {
        // Left to the next run's sweep: its name says whose it was.
      }
    }
  });
}

function removeNow(path: string): void {
  // A process killed a moment ago may still have had a write under way: retry rather than stay.
  rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
}

/** Runs `stop` (synchronous: the process is exiting) when this process exits; returns its undo. */
export function stopOnExit(stop: () => void): () => void {
  hook();
  stoppers.add(stop);
  return () => stoppers.delete(stop);
}

/** Removes `path` when this process exits, if it is still there; returns its undo. */
export function removeOnExit(path: string): () => void {
  hook();
  paths.add(path);
  return () => paths.delete(path);
}

/** The file in an owned folder that names its owner: `<pid> <start time>`. */
const ownerFile = '.owner';

/**
 * When a process started, in clock ticks since boot (Linux), so that a pid a new process took is
 * not mistaken for the owner; undefined where /proc does not say.
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * A fresh folder `submission-kit-<kind>-XXXXXX` in `parent` (the temp folder by default), removed
 * when this process exits, or by a later run's `sweepLeftovers` once this process is gone. The
 * name stays short: Chromium's socket, deep inside, may not have a path over 107 bytes.
 */
export function ownedTempDir(kind: string, parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `submission-kit-${kind}-`));
  removeOnExit(dir);
  writeFileSync(join(dir, ownerFile), `${process.pid} ${startTime(process.pid) ?? ''}`.trim());
  return dir;
}

/** Removes a folder `ownedTempDir` made, now, and forgets it. */
export function removeOwnedTempDir(dir: string): void {
  removeNow(dir);
  paths.delete(dir);
}

/** Whether a process with this pid exists (one we may not signal exists too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a folder's owner file names is this one or still running. */
export function ownerIsAlive(owner: string): boolean {
  const [pid, started] = owner.trim().split(' ');
  if (!pid || !/^\d+$/.test(pid)) return true; // not ours to judge
  if (!isAlive(Number(pid))) return false;
  const now = started && startTime(Number(pid));
  return !now || now === started;
}

/** The pid in a folder's owner file, if `ownedTempDir` made it. */
export function ownerOf(dir: string): number | undefined {
  try {
    return Number(readFileSync(join(dir, ownerFile), 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/**
 * Removes the folders in `parent` that `ownedTempDir` made for a process that no longer runs:
 * what a SIGKILL left. A folder with no owner file is not the kit's to judge, and a live process's
 * folders are never touched, whichever run it belongs to. Returns the folders removed.
 */
export function sweepLeftovers(parent: string = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith('submission-kit-'));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    let owner: string;
    try {
      owner = readFileSync(join(parent, name, ownerFile), 'utf8');
    } catch {
      continue;
    }
    if (ownerIsAlive(owner)) continue;
    try {
      removeNow(join(parent, name));
      removed.push(name);
    } catch {
      // Another run sweeping at the same moment: the next run tries again.
    }
  }
  return removed;
}

/**
 * Ends this process when the one that started it ends, even by SIGKILL: a build that a command
 * started for its own use has no one to hand its work to. Node has no parent-death signal, so the
 * parent's pid is watched.
 */
export function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 200).unref();
}
