import { readdirSync, readFileSync } from 'node:fs';

/**
 * The pids of the running processes (not zombies) with `path` on their command line, as Linux's
 * /proc shows them (arguments end in NULs there: `\0build\0` matches a whole argument); none where
 * there is no /proc. A browser's helpers (its zygotes, renderers, crash handler) name its profile
 * there, and may outlive it for a moment.
 */
export function processesUsing(path: string): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(path)) return [];
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The state follows the name, which sits in parentheses and may itself hold them.
      return stat[stat.lastIndexOf(')') + 2] === 'Z' ? [] : [Number(name)];
    } catch {
      return []; // it ended meanwhile
    }
  });
}
