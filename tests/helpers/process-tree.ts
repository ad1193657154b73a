import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes as Linux's /proc shows them, so a test looks only at the processes its own command
 * started: other runs (and other Chromiums) on the machine are none of its business.
 */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Its name, such as `chromium` or `node`. */
  comm: string;
  /** R, S, D…; Z for a zombie: ended, waiting for its parent to collect its status. */
  state: string;
  /** When it started, in clock ticks since boot: with the pid, names this process and no later one. */
  start: string;
}

export function processEntry(pid: number): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The name sits in parentheses and may itself hold spaces or parentheses.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    pid,
    comm: stat.slice(stat.indexOf('(') + 1, close),
    state: fields[0]!,
    ppid: Number(fields[1]),
    start: fields[19]!,
  };
}

/** Every process descended from `root` (not `root` itself), now. */
export function descendants(root: number): ProcessEntry[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => processEntry(Number(name)))
    .filter((entry) => entry !== undefined);
  const found: ProcessEntry[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of all) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found;
}

/** The ones of `entries` still running: the same process (pid and start time), not a zombie. */
export function stillRunning(entries: readonly ProcessEntry[]): ProcessEntry[] {
  return entries.filter((entry) => {
    const now = processEntry(entry.pid);
    return now !== undefined && now.start === entry.start && now.state !== 'Z';
  });
}
