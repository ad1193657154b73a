// Runs npm scripts side by side, since none keeps both cores busy alone: `npm run check` (the
// site's and Part 1's type checks), and npm test's first step (those two and the lint). Each
// one's output is printed whole when it ends; any failure fails the step.
import { run } from '../src/lib/run-command.ts';

const names = process.argv.slice(2);
const results = await Promise.all(
  names.map(async (name) => {
    const result = await run('npm', ['run', '--silent', name]);
    process.stdout.write(`> npm run ${name}\n${result.stdout}`);
    process.stderr.write(result.stderr);
    if (result.code !== 0) process.stderr.write(`npm run ${name} failed (exit ${result.code})\n`);
    return result.code;
  }),
);
if (results.some((code) => code !== 0)) process.exitCode = 1;
