// `npm run check`: npm scripts side by side (the site's and Part 1's type checks), since neither
// keeps both cores busy alone. Any failure fails the run.
import { npmScript } from './lib/npm-script.ts';

const passed = await Promise.all(process.argv.slice(2).map((name) => npmScript(name)));
if (!passed.every(Boolean)) process.exitCode = 1;
