import type { Page } from 'puppeteer';

/**
 * Starts noting the Content-Security-Policy violations of every document `page` opens from now
 * on; call before `goto`. Puppeteer's own injections bypass the policy, so only the page counts.
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}
