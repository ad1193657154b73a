import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '../src/audit/html-validation.ts';
import { axeViolations, brokenLinks } from '../src/audit/page-checks.ts';
import { deliverables } from '../src/deliverables/index.ts';
import { builtPages } from '../src/lib/built-pages.ts';
import { languages, localePath, ui } from '../src/lib/i18n.ts';
import { primarySource } from '../src/lib/sources.ts';
import { repoContent } from './helpers/repo-content.ts';
import { siteInBrowser } from './helpers/site-in-browser.ts';
import { sharedSite } from './helpers/shared-export.ts';

/** The site the one export of this run built for its PDFs (see helpers/global-setup.ts). */
const { siteDir } = await sharedSite();
const pages = await builtPages(siteDir);
/** The content those pages were built from, as the loader reads it. */
const content = await repoContent();
/** Pages in one language only (the audio must be in English): they offer no switch. */
const singleLanguage = deliverables
  .filter((d) => d.languages.length === 1)
  .map((d) => localePath(d.languages[0], d.route));

const open = siteInBrowser(siteDir);
const visit = (path: string, scheme: 'light' | 'dark' = 'light') => open(path, { scheme });

describe('the built site', () => {
  it('has a home and a page per deliverable in each language', () => {
    expect(pages).toEqual(
      [
        ...languages.map((lang) => localePath(lang, '')),
        ...deliverables.flatMap((d) => d.languages.map((lang) => localePath(lang, d.route))),
      ].sort(),
    );
  });

  describe.each(pages)('%s', (path) => {
    // One load in light mode, read by every test that only reads it (axe's last: it adds a script).
    let light: Awaited<ReturnType<typeof visit>>;
    beforeAll(async () => {
      light = await visit(path);
    });
    afterAll(() => light?.done());

    it('loads with one h1, its language, no script and no request outside the site', async () => {
      const { page, status, outside } = light;
      expect(status).toBe(200);
      expect(await page.$$eval('h1', (h) => h.length)).toBe(1);
      const lang = await page.$eval('html', (html) => html.lang);
      expect(lang).toBe(path.startsWith('/es/') ? 'es' : 'en');
      // Only the recorder and the diagrams' full-size view need JavaScript, a file of the site's.
      const interactive =
        path === '/english/' || (await page.$$eval('figure.diagram', (f) => f.length)) > 0;
      const scripts = await page.$$eval('script', (all) => all.map((s) => s.getAttribute('src')));
      expect(scripts).toHaveLength(interactive ? 1 : 0);
      for (const src of scripts) expect(src).toMatch(/^\/[\w/.-]*_astro\/[\w.-]+\.js$/);
      expect(outside).toEqual([]);
    });

    it('declares a CSP that runs no inline script, and breaks nothing on the page', async () => {
      const { page, cspViolations } = light;
      const policy = await page.$eval(
        'meta[http-equiv="content-security-policy"]',
        (meta) => (meta as HTMLMetaElement).content,
      );
      const scriptSrc = /(?:^|; )script-src ([^;]+)/.exec(policy)?.[1];
      expect(scriptSrc).toBe("'self'");
      expect(policy).toMatch(/default-src 'none'/);
      expect(await page.$$eval('script:not([src])', (s) => s.length)).toBe(0);
      expect(await cspViolations()).toEqual([]);
    });

    it('links only to pages and anchors that exist', async () => {
      expect(await brokenLinks(light.page)).toEqual([]);
    });

    it('is valid HTML, as html-validate reads it', async () => {
      expect(await htmlProblems(join(siteDir, path, 'index.html'), path)).toEqual([]);
    });

    it('switches language to the same page, named by hreflang', async () => {
      const { page } = light;
      if (singleLanguage.includes(path)) {
        expect(await page.$('.language-switch')).toBeNull();
        const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) =>
          links.map((l) => l.getAttribute('hreflang')),
        );
        expect(alternates).toEqual(['en', 'x-default']);
        return;
      }
      const switchLink = await page.$eval('.language-switch', (a) => ({
        href: new URL((a as HTMLAnchorElement).href).pathname,
        hreflang: a.getAttribute('hreflang'),
      }));
      const expected = path.startsWith('/es/') ? path.slice(3) : `/es${path}`;
      expect(switchLink).toEqual({
        href: expected,
        hreflang: expected.startsWith('/es/') ? 'es' : 'en',
      });
      const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) =>
        links.map((l) => [
          l.getAttribute('hreflang'),
          new URL((l as HTMLLinkElement).href).pathname,
        ]),
      );
      expect(alternates).toContainEqual([switchLink.hreflang, expected]);
      const canonical = await page.$eval(
        'link[rel=canonical]',
        (l) => new URL((l as HTMLLinkElement).href).pathname,
      );
      expect(canonical).toBe(path);
    });

    it.each(['light', 'dark'] as const)('has no axe violation in %s mode', async (scheme) => {
      const visited = scheme === 'light' ? light : await visit(path, scheme);
      expect(await axeViolations(visited.page)).toEqual([]);
      if (visited !== light) await visited.done();
    });

    it('reads on a 360 px phone without sideways scrolling, and axe finds nothing there', async () => {
      const { page, done } = await open(path, { width: 360 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await done();
    });
  });

  it('renders GFM through the configured processor: table, footnote, labelled task list', async () => {
    const { page, done } = await visit('/system-security/');
    expect(await page.$$eval('article table th', (th) => th.length)).toBeGreaterThanOrEqual(3);
    expect(await page.$('article [data-footnote-ref]')).not.toBeNull();
    expect(await page.$('article section[data-footnotes]')).not.toBeNull();
    const checkboxes = await page.$$eval('article input[type=checkbox]', (inputs) =>
      inputs.map(
        (input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim().length ?? 0,
      ),
    );
    expect(checkboxes).toHaveLength(5);
    for (const labelLength of checkboxes) expect(labelLength).toBeGreaterThan(10);
    await done();
  });

  it('lists the ten OWASP categories in each language', async () => {
    for (const path of ['/system-security/', '/es/system-security/']) {
      const { page, done } = await visit(path);
      const ids = await page.$$eval('article h2', (hs) =>
        hs.map((h) => h.textContent?.slice(0, 8)).filter((t) => /^A\d\d:2021/.test(t ?? '')),
      );
      expect(ids).toEqual([
        'A01:2021',
        'A02:2021',
        'A03:2021',
        'A04:2021',
        'A05:2021',
        'A06:2021',
        'A07:2021',
        'A08:2021',
        'A09:2021',
        'A10:2021',
      ]);
      await done();
    }
  });

  it.each(['light', 'dark'] as const)(
    'shows both Stories diagrams in %s mode, one rendering each',
    async (scheme) => {
      for (const path of ['/cloud-computing/', '/es/cloud-computing/']) {
        const { page, done } = await visit(path, scheme);
        // The dark rendering is an image, loaded as it nears the viewport: a tab behind another
        // draws no frame, and so sees nothing near it.
        await page.bringToFront();
        for (const figure of await page.$$('figure.diagram')) {
          await figure.evaluate((f) => f.scrollIntoView());
          await page.waitForFunction(
            (f) =>
              [...f.querySelectorAll('img')].every(
                (img) => getComputedStyle(img).display === 'none' || img.complete,
              ),
            {},
            figure,
          );
        }
        const shown = await page.$$eval('figure.diagram [data-diagram-fit] > *', (renderings) =>
          renderings
            .filter((rendering) => rendering.getBoundingClientRect().width > 0)
            .map((rendering) => {
              const svg = rendering.querySelector('svg');
              const img = rendering instanceof HTMLImageElement ? rendering : undefined;
              return {
                role: svg?.getAttribute('role') ?? img?.getAttribute('role') ?? 'img',
                title: svg?.querySelector('title')?.textContent ?? img?.alt ?? '',
                dark: img ? img.src.endsWith('.dark.svg') && img.naturalWidth > 0 : false,
                description: img
                  ? (document.getElementById(img.getAttribute('aria-describedby') ?? '')
                      ?.textContent ?? '')
                  : (svg?.querySelector('desc')?.textContent ?? ''),
              };
            }),
        );
        expect(shown).toHaveLength(2);
        for (const rendering of shown) {
          expect(rendering.role).toBe('img');
          expect(rendering.title.length).toBeGreaterThan(10);
          expect(rendering.description.length).toBeGreaterThan(50);
          expect(rendering.dark).toBe(scheme === 'dark');
        }
        expect(await page.$$eval('foreignObject', (f) => f.length)).toBe(0);
        await done();
      }
    },
  );

  const diagramPages = [
    '/cloud-computing/',
    '/es/cloud-computing/',
    '/devops/part-1/',
    '/devops/part-2/',
  ];

  /** Each diagram's shown rendering: its box, its drawn width, its link and its dialog's name. */
  const shownDiagrams = (page: Page) =>
    page.$$eval('figure.diagram', (figures) =>
      figures.map((figure) => {
        const svg = [...figure.querySelectorAll('svg')].find(
          (s) => s.getBoundingClientRect().width,
        )!;
        const box = svg.getBoundingClientRect();
        const link = figure.querySelector<HTMLAnchorElement>('a[data-diagram-open]');
        return {
          left: box.left,
          right: box.right,
          height: box.height,
          width: Number(svg.getAttribute('width')),
          link: link?.getAttribute('href') ?? '',
          href: link?.href ?? '',
          dialog: figure.querySelector('dialog')?.getAttribute('aria-label') ?? '',
        };
      }),
    );

  /** Where the full-size view's diagram is, and its scale against its drawn size. */
  const fullSizeView = (page: Page) =>
    page.$eval('dialog[open] [data-diagram-stage] > *', (shown) => {
      const box = shown.getBoundingClientRect();
      return {
        x: Math.round(box.left),
        y: Math.round(box.top),
        scale: box.width / Number(shown.getAttribute('width')),
      };
    });

  /** The full-size view, and its scale, as they settle (a busy machine draws late). */
  const viewOf = (page: Page) => expect.poll(() => fullSizeView(page), { timeout: 10_000 });
  const scaleOf = (page: Page) =>
    expect.poll(async () => (await fullSizeView(page)).scale, { timeout: 10_000 });

  /** Opens the first diagram's full-size view and waits for @panzoom/panzoom, loaded on demand. */
  async function openFullSize(page: Page, how: 'click' | 'tap' = 'click') {
    // A tab behind another draws no frame, and a mouse click there never returns: bring it up.
    await page.bringToFront();
    const link = (await page.$('figure.diagram a[data-diagram-open]'))!;
    await (how === 'tap' ? link.tap() : link.click());
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('dialog[open] [data-diagram-stage] > *')?.style
          .transform,
    );
  }

  it.each(diagramPages)(
    'at %s each diagram is seen whole, 390 to 1920 px wide, with a full-size view',
    async (path) => {
      const { page, done } = await visit(path);
      for (const [width, height] of [
        [390, 844],
        [1280, 800],
        [1440, 900],
        [1920, 1080],
      ] as const) {
        await page.setViewport({ width, height });
        const diagrams = await shownDiagrams(page);
        expect(diagrams.length).toBeGreaterThan(0);
        for (const diagram of diagrams) {
          expect(diagram.left).toBeGreaterThanOrEqual(0);
          expect(diagram.right).toBeLessThanOrEqual(width);
          // On a screen, the whole diagram fits in the window at once, its height too.
          if (width >= 1280) expect(diagram.height).toBeLessThanOrEqual(height);
          expect(diagram.link).toMatch(/\/diagrams\/[\w.-]+\.svg$/);
          expect(diagram.dialog.length).toBeGreaterThan(10);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
      }
      // The link opens the diagram at its drawn size in a dialog that pans and zooms.
      await page.setViewport({ width: 1440, height: 900 });
      await openFullSize(page);
      expect(
        await page.$eval(
          'dialog[open]',
          (dialog) => document.activeElement === dialog.querySelector('[data-diagram-stage]'),
        ),
      ).toBe(true);
      const start = await fullSizeView(page);
      expect(start.scale).toBeCloseTo(1, 1);
      // Keys: + and − zoom, 0 resets, the arrows pan.
      await page.keyboard.press('+');
      await scaleOf(page).toBeGreaterThan(1.1);
      await page.keyboard.press('0');
      await viewOf(page).toEqual(start);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await viewOf(page).toEqual({ ...start, x: start.x - 80, y: start.y - 80 });
      // The mouse: a drag pans, the wheel zooms, the buttons zoom and reset.
      await page.mouse.move(700, 500);
      await page.mouse.down();
      await page.mouse.move(600, 450, { steps: 4 });
      await page.mouse.up();
      await viewOf(page).toEqual({ ...start, x: start.x - 180, y: start.y - 130 });
      await page.mouse.wheel({ deltaY: -200 });
      await scaleOf(page).toBeGreaterThan(1.1);
      await page.click('dialog[open] [data-zoom="reset"]');
      await viewOf(page).toEqual(start);
      await page.click('dialog[open] [data-zoom="out"]');
      await scaleOf(page).toBeLessThan(0.9);
      await page.keyboard.press('Escape');
      expect(await page.$('dialog[open]')).toBeNull();
      // The dialog's close event, which puts the diagram back, comes in a task after Escape.
      await page.waitForFunction(() => !document.querySelector('[data-diagram-stage] > *'));
      expect(
        await page.$$eval(
          'figure.diagram [data-diagram-fit] > .diagram-light > svg',
          (s) => s.length,
        ),
      ).toBe(await page.$$eval('figure.diagram', (f) => f.length));
      expect(
        await page.evaluate(() => document.activeElement?.matches('a[data-diagram-open]')),
      ).toBe(true);
      await done();
    },
  );

  it.each(diagramPages)(
    'at %s a 390 px phone opens the same full-size view, dragged and pinched (dark mode)',
    async (path) => {
      // In dark mode the view holds the dark rendering's image, not the inlined SVG.
      const { page, done } = await visit(path, 'dark');
      // Touch reloads the page.
      await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
      await openFullSize(page, 'tap');
      expect(await page.$eval('dialog[open] [data-diagram-stage] > *', (e) => e.tagName)).toBe(
        'IMG',
      );
      const start = await fullSizeView(page);
      expect(start.scale).toBeCloseTo(1, 1);
      await page.touchscreen.touchStart(250, 500);
      await page.touchscreen.touchMove(200, 450);
      await page.touchscreen.touchMove(150, 400);
      await page.touchscreen.touchEnd();
      await viewOf(page).toEqual({ ...start, x: start.x - 100, y: start.y - 100 });
      // Two fingers moving apart zoom in.
      const session = await page.createCDPSession();
      const fingers = (apart: number) => [
        { x: 195 - apart, y: 420, id: 1 },
        { x: 195 + apart, y: 420, id: 2 },
      ];
      await session.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: fingers(40),
      });
      for (const apart of [60, 80, 100, 120]) {
        await session.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: fingers(apart),
        });
      }
      await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await session.detach();
      await scaleOf(page).toBeGreaterThan(1.3);
      await page.tap('dialog[open] [data-close]');
      await page.waitForFunction(() => !document.querySelector('[data-diagram-stage] > *'));
      await done();
    },
  );

  it.each(diagramPages)(
    'at %s without JavaScript each diagram is fitted and links to its file at full size',
    async (path) => {
      const { page, done } = await visit(path);
      await page.setJavaScriptEnabled(false);
      try {
        await page.setViewport({ width: 1440, height: 900 });
        await page.reload({ waitUntil: 'load' });
        const diagrams = await shownDiagrams(page);
        expect(diagrams.length).toBeGreaterThan(0);
        for (const diagram of diagrams) {
          expect(diagram.left).toBeGreaterThanOrEqual(0);
          expect(diagram.right).toBeLessThanOrEqual(1440);
          const response = await page.goto(diagram.href);
          expect(response?.status()).toBe(200);
          expect(response?.headers()['content-type']).toMatch(/^image\/svg\+xml/);
          const file = await page.$eval('svg', (svg) => ({
            width: Number(svg.getAttribute('width')),
            shown: svg.getBoundingClientRect().width,
          }));
          // The file opens at the size it was drawn, the browser's own zoom and scroll to read it.
          expect(file).toEqual({ width: diagram.width, shown: diagram.width });
        }
      } finally {
        await page.setJavaScriptEnabled(true);
        await done();
      }
    },
  );

  it.each(diagramPages)('prints each diagram of %s whole on a landscape page', async (path) => {
    const { page, done } = await visit(path);
    await page.emulateMediaType('print');
    const diagrams = await page.$$eval('figure.diagram', (figures) =>
      figures.map((figure) => {
        const svg = [...figure.querySelectorAll('svg')].find(
          (s) => s.getBoundingClientRect().width,
        )!;
        const { width, height } = svg.getBoundingClientRect();
        return {
          width,
          height,
          ratio:
            width /
            height /
            (Number(svg.getAttribute('width')) / Number(svg.getAttribute('height'))),
          page: getComputedStyle(figure).page,
          breakInside: getComputedStyle(figure).breakInside,
        };
      }),
    );
    // A4 landscape at 96 px per inch, less the named page's 8 mm margins.
    const [paperWidth, paperHeight] = [((297 - 16) / 25.4) * 96, ((210 - 16) / 25.4) * 96];
    for (const diagram of diagrams) {
      expect(diagram.page).toBe('diagram');
      expect(diagram.breakInside).toBe('avoid');
      expect(diagram.width).toBeLessThanOrEqual(paperWidth + 0.5);
      expect(diagram.height).toBeLessThanOrEqual(paperHeight);
      expect(diagram.ratio).toBeCloseTo(1, 2);
    }
    await done();
  });

  it('says where to put the challenge’s original diagram while it is absent', async () => {
    const { page, done } = await visit('/devops/part-2/');
    expect(await page.$('figure.original')).toBeNull();
    expect(await page.$eval('[data-original-missing]', (p) => p.textContent)).toMatch(
      /save it as content\/devops\/part-2\/diagram\.png/,
    );
    await done();
  });

  it('shows the brief checklist on the home page, every requirement measured and holding', async () => {
    const measured = content.flatMap((d) => d.checklist);
    for (const [path, yes] of [
      ['/', 'Yes'],
      ['/es/', 'Sí'],
    ] as const) {
      const { page, done } = await visit(path);
      const rows = await page.$$eval('#checklist ~ .table-scroll tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
      );
      expect(rows).toHaveLength(measured.length);
      for (const row of rows) expect(row[3]).toBe(`✓ ${yes}`);
      expect(rows[0]![2]).toMatch(/^\d+ (words|palabras)/);
      await done();
    }
  });

  it('labels footnotes in the page’s language', async () => {
    for (const [path, label, back] of [
      ['/system-security/', 'Footnotes', 'Back to reference 1'],
      ['/es/system-security/', 'Notas', 'Volver a la referencia 1'],
    ] as const) {
      const { page, done } = await visit(path);
      expect(await page.$eval('#footnote-label', (h) => h.textContent)).toBe(label);
      expect(await page.$eval('[data-footnote-backref]', (a) => a.getAttribute('aria-label'))).toBe(
        back,
      );
      await done();
    }
  });

  it('shows the sources of every written answer as footnotes whose links reach a primary source', async () => {
    for (const path of [
      '/cloud-computing/',
      '/es/cloud-computing/',
      '/system-security/',
      '/es/system-security/',
      '/devops/part-2/',
    ]) {
      const { page, done } = await visit(path);
      const { targets, notes, links } = await page.evaluate(() => ({
        targets: [...document.querySelectorAll('article a[data-footnote-ref]')].map((a) =>
          decodeURIComponent(a.getAttribute('href')!.slice(1)),
        ),
        notes: [...document.querySelectorAll('article section[data-footnotes] li')].map(
          (li) => li.id,
        ),
        links: [
          ...document.querySelectorAll(
            'article section[data-footnotes] li a:not([data-footnote-backref])',
          ),
        ].map((a) => (a as HTMLAnchorElement).href),
      }));
      expect(targets.length, path).toBeGreaterThan(0);
      expect(
        targets.filter((id) => !notes.includes(id)),
        path,
      ).toEqual([]);
      expect(
        links.filter((url) => !primarySource(url)),
        path,
      ).toEqual([]);
      await done();
    }
  });

  it('lists every page in the sitemap', async () => {
    const sitemap = await readFile(`${siteDir}/sitemap-0.xml`, 'utf8');
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
      .map((m) => new URL(m[1]!).pathname)
      .sort();
    expect(listed).toEqual(pages);
  });
});

/** The nav label, title and description of every English page, as the content loader reads them. */
const englishPageNames = content
  .flatMap(({ pages }) => pages)
  .filter(({ data }) => data.lang === 'en')
  .flatMap(({ data }) => [data.nav, data.title, data.description]);

describe('the Spanish pages', () => {
  const spanishPages = pages.filter((path) => path.startsWith('/es/'));

  it.each(spanishPages)('%s: the interface around the answer is in Spanish', async (path) => {
    // What a Spanish reader must not meet in English: the interface's English strings (but the
    // language switch, which is Spanish on English pages) and what English pages call themselves.
    const english = [
      ...Object.entries(ui.en)
        .filter(
          ([key, text]) => key !== 'switchLanguage' && text !== ui.es[key as keyof typeof ui.es],
        )
        .map(([, text]) => text),
      ...englishPageNames,
    ];
    expect(english).toContain('English audio');
    const { page, done } = await visit(path);
    // Everything but the answer itself and what is marked as another language on purpose.
    const interfaceText = await page.evaluate(() => {
      const chrome = document.documentElement.cloneNode(true) as HTMLElement;
      chrome.querySelectorAll('article, [lang]:not([lang="es"])').forEach((el) => el.remove());
      const texts: string[] = [];
      const walker = document.createTreeWalker(chrome, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) texts.push(walker.currentNode.textContent ?? '');
      for (const el of chrome.querySelectorAll('[aria-label], [title], [alt], meta[content]')) {
        for (const name of ['aria-label', 'title', 'alt', 'content']) {
          texts.push(el.getAttribute(name) ?? '');
        }
      }
      return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
    });
    expect(english.filter((string) => interfaceText.some((text) => text.includes(string)))).toEqual(
      [],
    );
    await done();
  });

  it('name the pages written only in English in Spanish, and say they are in English', async () => {
    const { page, done } = await visit('/es/');
    const nav = await page.$$eval('nav[aria-label] a', (links) =>
      links.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })),
    );
    expect(nav).toContainEqual({ text: 'Audio en inglés', href: '/english/' });
    const cards = await page.$$eval('li.card', (items) =>
      items.map((card) => ({
        english: card.querySelector('h2 a')?.getAttribute('hreflang') === 'en',
        text: card.textContent ?? '',
      })),
    );
    expect(cards.filter((card) => card.english)).toHaveLength(singleLanguage.length);
    for (const card of cards) expect(card.text.includes('Página en inglés')).toBe(card.english);
    await done();
  });
});
