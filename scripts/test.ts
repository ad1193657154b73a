// npm test: the site's type check, Part 1's, the lint, then every test; arguments go to vitest.
// The site's check reads .astro/, which the tests' builds write, so the tests start when it ends.
// Part 1's check and the lint read nothing the tests write: they run beside both at low priority,
// on what the others leave of the two cores, and delay neither. Any failure fails the run.
import { spawn } from 'node:child_process';
import { npmScript } from './lib/npm-script.ts';

/** Runs vitest, printing as it goes, and says whether every test passed. */
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
const passed = (await npmScript('check:site')) && (await vitest(process.argv.slice(2)));
if (!passed || !(await beside).every(Boolean)) process.exitCode = 1;
