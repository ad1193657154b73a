// The site offers the files handed in: each deliverable page its own, the home page all of them.
// They must be the export's very bytes, so a reviewer who downloads from the site holds what the
// MANIFEST hashes; read from the one export of this run and the site it built for its PDFs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverables } from '../src/deliverables/index.ts';
import { languages, localePath } from '../src/lib/i18n.ts';
import { sha256 } from '../src/export/manifest.ts';
import { servedPath } from '../src/site/handed-in.ts';
import {
  expectedTypes,
  manifestHashes,
  offeredLinks,
  type OfferedLink,
} from './helpers/handed-in.ts';
import { tree } from './helpers/export.ts';
import { siteInBrowser } from './helpers/site-in-browser.ts';
import { sharedExport } from './helpers/shared-export.ts';

const { siteDir, submissionDir: submission } = await sharedExport();
const exported = await tree(submission);
const manifest = exported['MANIFEST.md']!;
const hashes = manifestHashes(manifest.toString('utf8'));

const open = siteInBrowser(siteDir);

/** Downloads a link as a browser would, and checks it against the export's manifest. */
async function expectExportBytes(link: OfferedLink, where: string) {
  const response = await fetch(link.href);
  expect(response.status, link.href).toBe(200);
  const body = new Uint8Array(await response.arrayBuffer());
  if (link.path === 'MANIFEST.md') expect(sha256(body)).toBe(sha256(manifest));
  else {
    const hash = hashes.get(link.path);
    expect(hash, `${where}: ${link.path} is not in MANIFEST.md`).toBeDefined();
    expect(sha256(body), `${where}: ${link.path}`).toBe(hash);
  }
  expect(link.bytes, `${where}: the size shown for ${link.path}`).toBe(body.byteLength);
  expect(new URL(link.href).pathname).toBe(`/submission/${servedPath(link.path)}`);
  expect(link.download).toBe(link.path.split('/').pop());
  const extension = /\.(\w+)$/.exec(link.path)?.[1] ?? '';
  const contentType = response.headers.get('content-type')!;
  if (expectedTypes[extension]) expect(contentType, link.path).toMatch(expectedTypes[extension]);
  expect(link.type, link.path).toBe(contentType.split(';')[0]);
}

describe('the files handed in, on the site', () => {
  it('are listed by a MANIFEST.md that leaves out the PDFs and says what pdf/ holds', () => {
    const handedIn = Object.keys(exported).filter(
      (path) => path !== 'MANIFEST.md' && !path.startsWith('pdf/'),
    );
    expect([...hashes.keys()].sort()).toEqual(handedIn.sort());
    expect(manifest.toString('utf8')).toMatch(/`pdf\/` holds prints of the site’s pages/);
  });

  it('are served byte for byte as exported, MANIFEST.md included, under no hidden name', async () => {
    const paths = [...hashes.keys(), 'MANIFEST.md'];
    // GitHub Pages' upload leaves out `.github` (and, in newer versions, every dotfile).
    expect(paths.some((path) => /(^|\/)\./.test(path))).toBe(true);
    const served = paths.map(servedPath);
    expect(served.filter((path) => /(^|\/)\./.test(path))).toEqual([]);
    expect(new Set(served).size).toBe(paths.length);
    for (const path of paths) {
      const bytes = await readFile(join(siteDir, 'submission', servedPath(path)));
      expect(sha256(bytes), path).toBe(sha256(exported[path]!));
    }
  });

  describe.each(deliverables.flatMap((d) => d.languages.map((lang) => ({ d, lang }))))(
    'the page of $d.id in $lang',
    ({ d, lang }) => {
      it('offers each file it declares, with its size, as the export wrote it', async () => {
        const path = localePath(lang, d.route);
        const { page, done } = await open(path);
        const links = await offeredLinks(page, '.brief');
        // A folder is offered as its README and images; the zip beside it holds the rest.
        const expected = d.exports.flatMap((entry) =>
          entry.endsWith('/')
            ? [...hashes.keys()].filter(
                (p) =>
                  p.startsWith(entry) &&
                  !p.slice(entry.length).includes('/') &&
                  /\.(md|png|svg|txt)$/.test(p),
              )
            : [entry],
        );
        expect(links.map((l) => l.path).sort()).toEqual(expected.sort());
        expect(expected.length).toBeGreaterThan(0);
        for (const link of links) await expectExportBytes(link, path);
        await done();
      });
    },
  );

  it.each(languages)('are all offered on the home page in %s, MANIFEST.md first', async (lang) => {
    const { page, done } = await open(localePath(lang, ''));
    const links = await offeredLinks(page, '.handed-in');
    expect(links[0]!.path).toBe('MANIFEST.md');
    expect(links.map((l) => l.path).sort()).toEqual([...hashes.keys(), 'MANIFEST.md'].sort());
    for (const link of links) await expectExportBytes(link, localePath(lang, ''));
    await done();
  });

  it('print as a plain list: no link colour or underline on paper', async () => {
    const { page, done } = await open('/cloud-computing/');
    await page.emulateMediaType('print');
    const style = await page.$eval('.brief .files a', (a) => {
      const s = getComputedStyle(a);
      return {
        line: s.textDecorationLine,
        color: s.color,
        text: getComputedStyle(a.parentElement!).color,
      };
    });
    expect(style.line).toBe('none');
    expect(style.color).toBe(style.text);
    await done();
  });
});
