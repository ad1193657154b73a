// `npm run check`: npm scripts side by side (the site's and Part 1's type checks), since neither
// keeps both cores busy alone. Each one's output is printed whole; any failure fails the run.
import { npmScript } from './lib/npm-script.ts';

const runs = await Promise.all(process.argv.slice(2).map((name) => npmScript(name)));
for (const ended of runs) ended.print();
if (!runs.every((ended) => ended.passed)) process.exitCode = 1;
