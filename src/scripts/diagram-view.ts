import type { PanzoomObject } from '@panzoom/panzoom';

/** How far one arrow key moves the diagram, in CSS px. */
const step = 80;

let library: Promise<typeof import('@panzoom/panzoom').default> | undefined;

/**
 * @panzoom/panzoom, fetched when a reader reaches for a “full size” link (pointer over it, focus,
 * click) rather than with the page: a page that is only read runs 3 kB of script, not 11 kB. A
 * failed fetch is tried again at the next reach.
 */
function loadPanzoom() {
  library ??= import('@panzoom/panzoom').then(
    (module) => module.default,
    (error: unknown) => {
      library = undefined;
      throw error;
    },
  );
  return library;
}

/**
 * The full-size view of each diagram: the “full size” link opens a dialog that holds the rendering
 * the reader's colour scheme shows (the inlined SVG, or the dark one's image), at its drawn size, to
 * pan and zoom with @panzoom/panzoom (mouse drag and wheel, touch drag and pinch, and keys: arrows,
 * + and −, 0). Without JS the link opens the SVG. The rendering is moved, not copied, so the
 * inlined SVG's ids stay unique on the page.
 */
export function enhanceDiagrams(root: ParentNode): void {
  for (const figure of root.querySelectorAll<HTMLElement>('[data-diagram]')) {
    if (figure.dataset.enhanced) continue;
    figure.dataset.enhanced = 'true';
    const link = figure.querySelector<HTMLAnchorElement>('[data-diagram-open]')!;
    const dialog = figure.querySelector<HTMLDialogElement>('[data-diagram-view]')!;
    const stage = figure.querySelector<HTMLElement>('[data-diagram-stage]')!;
    let panzoom: PanzoomObject | undefined;
    let home: { shown: Element; parent: Element; next: Node | null } | undefined;

    for (const intent of ['pointerenter', 'focus', 'touchstart'] as const) {
      link.addEventListener(intent, () => void loadPanzoom(), { once: true, passive: true });
    }
    link.addEventListener('click', (event) => {
      // The rendering the reader's colour scheme shows (the other one is display: none).
      const rendering = [...figure.querySelectorAll('[data-diagram-fit] > *')].find(
        (candidate) => getComputedStyle(candidate).display !== 'none',
      );
      const shown = rendering?.matches('img') ? rendering : rendering?.querySelector('svg');
      if (!shown) return;
      event.preventDefault();
      home = { shown, parent: shown.parentElement!, next: shown.nextSibling };
      stage.append(shown);
      dialog.showModal();
      stage.focus();
      loadPanzoom().then(
        (Panzoom) => {
          // The reader may have closed the view while the library was on its way.
          if (home?.shown === shown) {
            panzoom = Panzoom(shown as HTMLElement, { maxScale: 6, minScale: 0.1, canvas: true });
          }
        },
        // Offline, say: the SVG file, as without JavaScript, where the browser zooms and scrolls.
        () => {
          dialog.close();
          window.location.assign(link.href);
        },
      );
    });
    stage.addEventListener('wheel', (event) => panzoom?.zoomWithWheel(event), { passive: false });
    stage.addEventListener('keydown', (event) => {
      if (!panzoom) return;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [step, 0],
        ArrowRight: [-step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step],
      };
      const move = moves[event.key];
      if (move) panzoom.pan(...move, { relative: true });
      else if (event.key === '+' || event.key === '=') panzoom.zoomIn();
      else if (event.key === '-') panzoom.zoomOut();
      else if (event.key === '0') panzoom.reset();
      else return;
      event.preventDefault();
    });
    for (const button of dialog.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
      button.addEventListener('click', () => {
        if (button.dataset.zoom === 'in') panzoom?.zoomIn();
        else if (button.dataset.zoom === 'out') panzoom?.zoomOut();
        else panzoom?.reset();
      });
    }
    dialog.querySelector('[data-close]')!.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      panzoom?.destroy();
      panzoom = undefined;
      if (home) {
        home.shown.removeAttribute('style');
        home.parent.insertBefore(home.shown, home.next);
        home = undefined;
      }
      link.focus();
    });
  }
}
