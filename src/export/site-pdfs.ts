import { join } from 'node:path';
import { configVariables, publishedRoot, type KitConfig } from '../config.ts';
import { deliverables } from '../deliverables/index.ts';
import { buildSiteIn } from '../lib/astro-build.ts';
import type { BrowserSession } from '../lib/browser-session.ts';
import { builtPages } from '../lib/built-pages.ts';
import { ownedTempDir, removeOwnedTempDir } from '../lib/leftovers.ts';
import { defaultLang } from '../lib/i18n.ts';
import { serve } from '../lib/static-server.ts';
import type { DeliverableFile } from '../deliverables/define.ts';

/**
 * Runs in the page: links to the site's other pages lead to the published site instead of the
 * throwaway server the PDF was printed from, or become plain text when there is none.
 */
function pointLinksAtPublishedSite(site: string | undefined): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname === location.pathname) continue;
    if (site) link.href = new URL(url.pathname.slice(1) + url.hash, site).href;
    else link.removeAttribute('href');
  }
}

/**
 * Same bytes for the same pages. Chromium stamps each PDF with the time it printed it, and names
 * the tagged structure after DOM node counters that depend on what the browser did before.
 */
function reproducible(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  // Every replacement keeps the length, so the cross-reference offsets stay right; the node ids
  // keep their order too, which the sorted ID tree relies on.
  const ids = [...new Set(text.match(/\(node\d{8}\)/g) ?? [])].sort();
  const renumbered = new Map(ids.map((id, i) => [id, `(node${String(i + 1).padStart(8, '0')})`]));
  const fixed = text
    .replace(/\/(CreationDate|ModDate) \(D:\d{14}/g, '/$1 (D:20260101000000')
    .replace(/\(node\d{8}\)/g, (id) => renumbered.get(id)!);
  return new Uint8Array(Buffer.from(fixed, 'latin1'));
}

/**
 * `pdf/<page>.pdf`: every deliverable page as its print stylesheet lays it out, for reviewers who
 * prefer one file. The site is built from the same content into `keepSite` (or a throwaway
 * folder), then printed in the export's browser.
 */
export async function sitePdfs(
  config: KitConfig,
  session: BrowserSession,
  keepSite?: string,
): Promise<DeliverableFile[]> {
  const work = ownedTempDir('pdf');
  try {
    const siteDir = keepSite ?? join(work, 'dist');
    const v = configVariables;
    await buildSiteIn(siteDir, {
      [v.contentDir]: config.contentDir,
      [v.diagramsDir]: config.diagramsDir,
      [v.diagramCacheDir]: config.diagramCacheDir,
      [v.astroCacheDir]: join(work, 'cache'),
      [v.siteBase]: '/',
      // The pages offer the files under the names this export hands them in.
      [v.exportLang]: config.exportLang,
      // The build renders in the export's browser: the command owns it and lends it.
      [v.browserEndpoint]: await session.endpoint(),
    });
    const server = await serve(siteDir);
    try {
      const files: DeliverableFile[] = [];
      for (const path of await builtPages(siteDir)) {
        const lang = path.startsWith('/es/') ? 'es' : defaultLang;
        const route = path.replace(/^\/(es\/)?/, '').replace(/\/$/, '');
        const answer = deliverables.find((d) => d.route === route);
        if (!answer) continue; // the home pages
        const page = await session.newPage();
        try {
          await page.emulateMediaType('print');
          await page.goto(server.origin + path, { waitUntil: 'load' });
          await page.evaluate(pointLinksAtPublishedSite, publishedRoot(config));
          // A4 portrait, but for the pages the stylesheet names: each diagram's is A4 landscape.
          const pdf = await page.pdf({
            format: 'A4',
            preferCSSPageSize: true,
            printBackground: true,
            tagged: true,
            outline: true,
          });
          const suffix = lang === defaultLang ? '' : `.${lang}`;
          files.push({
            path: `pdf/${route.replaceAll('/', '-')}${suffix}.pdf`,
            contents: reproducible(pdf),
          });
        } finally {
          await page.close();
        }
      }
      return files;
    } finally {
      await server.close();
    }
  } finally {
    removeOwnedTempDir(work);
  }
}
