// npm run audit: builds the site into dist/, serves it on 127.0.0.1, and checks every page in
// Chromium: Lighthouse's four scores (reported), and axe in light and dark, html-validate, links
// and anchors, requests leaving the site and CSP violations (any of these fails the run).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlProblems } from '../src/audit/html-validation.ts';
import { axeViolations, brokenLinks, openPage } from '../src/audit/page-checks.ts';
import { configVariables, isVerbose } from '../src/config.ts';
import { buildSiteIn } from '../src/lib/astro-build.ts';
import { BrowserSession } from '../src/lib/browser-session.ts';
import { builtPages } from '../src/lib/built-pages.ts';
import { runCommand } from '../src/lib/command.ts';
import { serve } from '../src/lib/static-server.ts';

const siteDir = fileURLToPath(new URL('../dist/', import.meta.url));
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface PageReport {
  path: string;
  scores: number[];
  problems: string[];
}

await runCommand(
  'audit',
  async () => {
    const started = performance.now();
    // One Chromium for the whole audit: the build renders its diagrams in it too.
    const session = new BrowserSession();
    try {
      const reports = await auditPages(session);
      report(reports, started);
    } finally {
      await session.close();
    }
  },
  { verbose: isVerbose(process.env, process.argv) },
);

async function auditPages(session: BrowserSession): Promise<PageReport[]> {
  // The build renders in the audit's browser: the command owns it and lends it.
  await buildSiteIn(siteDir, { [configVariables.browserEndpoint]: await session.endpoint() });
  // Loaded once there is a browser and a site to audit: without one, the audit fails at once.
  const { default: lighthouse } = await import('lighthouse');
  const server = await serve(siteDir);
  const reports: PageReport[] = [];
  try {
    for (const path of await builtPages(siteDir)) {
      const url = server.origin + path;
      const problems: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        const { page, status, outside, cspViolations } = await openPage(session, url, { scheme });
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

      const page = await session.newPage();
      const result = await lighthouse(
        url,
        { logLevel: 'error', onlyCategories: [...categories] },
        undefined,
        page,
      );
      await page.close();
      const scores = categories.map((c) =>
        Math.round((result?.lhr.categories[c]?.score ?? 0) * 100),
      );
      reports.push({ path, scores, problems });
      console.log(
        `${path.padEnd(24)} ${scores.map((s) => String(s).padStart(4)).join('')}   ${problems.length ? `✗ ${problems.length}` : '✓'}`,
      );
    }
  } finally {
    await server.close();
  }
  return reports;
}

function report(reports: PageReport[], started: number): void {
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
    const lines = failing.map(
      ({ path, problems }) => `${path}\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    throw new Error(`${failing.length} pages have problems:\n${lines.join('\n')}`);
  }
  console.log('No axe violation, invalid HTML, broken link, outside request or CSP violation.');
}
