// npm run audit: builds the site into dist/, serves it on 127.0.0.1, and checks every page in
// Chromium: Lighthouse's four scores (reported), and axe in light and dark, html-validate, links
// and anchors, requests leaving the site and CSP violations (any of these fails the run).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { builtPages } from '../src/audit/built-pages.ts';
import { htmlProblems } from '../src/audit/html-validation.ts';
import { axeViolations, brokenLinks, openPage } from '../src/audit/page-checks.ts';
import { serve } from '../src/audit/static-server.ts';
import { astroBuild } from '../src/lib/astro-build.ts';
import { launchBrowser } from '../src/lib/browser.ts';

const siteDir = fileURLToPath(new URL('../dist/', import.meta.url));
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const started = performance.now();
// One Chromium for the whole audit: the build renders its diagrams in it too.
const browser = await launchBrowser();
const build = await astroBuild(siteDir, { KIT_BROWSER_ENDPOINT: browser.wsEndpoint() });
if (build.code !== 0) {
  console.error(build.output);
  await browser.close();
  process.exit(1);
}

interface PageReport {
  path: string;
  scores: number[];
  problems: string[];
}

const server = await serve(siteDir);
const reports: PageReport[] = [];
try {
  for (const path of await builtPages(siteDir)) {
    const url = server.origin + path;
    const problems: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      const { page, status, outside, cspViolations } = await openPage(browser, url, { scheme });
      if (status !== 200) problems.push(`answers ${status}`);
      problems.push(...(await axeViolations(page)).map((v) => `axe (${scheme}): ${v}`));
      if (scheme === 'light') {
        problems.push(...(await brokenLinks(page)).map((link) => `broken link: ${link}`));
        problems.push(...outside.map((request) => `request outside the site: ${request}`));
        problems.push(...(await cspViolations()).map((v) => `CSP violation: ${v}`));
      }
      await page.close();
    }
    problems.push(...(await htmlProblems(join(siteDir, path, 'index.html'), path)));

    const page = await browser.newPage();
    const result = await lighthouse(
      url,
      { logLevel: 'error', onlyCategories: [...categories] },
      undefined,
      page,
    );
    await page.close();
    const scores = categories.map((c) => Math.round((result?.lhr.categories[c]?.score ?? 0) * 100));
    reports.push({ path, scores, problems });
    console.log(
      `${path.padEnd(24)} ${scores.map((s) => String(s).padStart(4)).join('')}   ${problems.length ? `✗ ${problems.length}` : '✓'}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}

const header = ['Page', 'Performance', 'Accessibility', 'Best practices', 'SEO', 'Checks'];
console.log(
  `\n| ${header.join(' | ')} |\n|${header.map((_, i) => (i === 0 || i === 5 ? ' --- ' : ' ---: ')).join('|')}|`,
);
for (const { path, scores, problems } of reports) {
  console.log(
    `| \`${path}\` | ${scores.join(' | ')} | ${problems.length ? `✗ ${problems.length}` : '✓'} |`,
  );
}
const failing = reports.filter((r) => r.problems.length > 0);
const perfect = reports.filter((r) => r.scores.every((s) => s === 100)).length;
console.log(
  `\n${reports.length} pages in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
    `${perfect} score 100 in all four Lighthouse categories (mobile, simulated throttling).`,
);
if (failing.length > 0) {
  for (const { path, problems } of failing)
    console.error(`\n${path}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('No axe violation, invalid HTML, broken link, outside request or CSP violation.');
