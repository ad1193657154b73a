// npm test: the site's type check, then every test; arguments go to vitest. Part 1's type check
// and the lint run beside both at low priority, on what the others leave of the two cores. The
// site's check must end before the tests start: it reads .astro/, which the tests' builds write.
// The other two read nothing the tests write. A failure of the site's check skips the tests; any
// failure fails the run.
import { spawn } from 'node:child_process';
import { npmScript } from './lib/npm-script.ts';

/** Runs vitest, printing as it goes (under npm, which puts it on PATH), and says if it passed. */
function vitest(args: string[]): Promise<boolean> {
  const child = spawn('vitest', ['run', ...args], {
    stdio: 'inherit',
    // Vitest keeps an API token file under XDG_DATA_HOME: the project's cache, not $HOME.
    env: { ...process.env, XDG_DATA_HOME: `${process.cwd()}/node_modules/.cache` },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0));
  });
}

const beside = Promise.all([
  npmScript('check:part-1', { priority: 10 }),
  npmScript('lint', { priority: 10 }),
]);
const site = await npmScript('check:site');
site.print();
const testsPassed = site.passed && (await vitest(process.argv.slice(2)));
// Printed after vitest, which redraws the last lines of a terminal and would erase them.
const others = await beside;
for (const ended of others) ended.print();
if (!testsPassed || !others.every((ended) => ended.passed)) process.exitCode = 1;
