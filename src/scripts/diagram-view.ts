import type { PanzoomObject } from '@panzoom/panzoom';

/** How far one arrow key moves the diagram, in CSS px. */
const step = 80;

let library: Promise<typeof import('@panzoom/panzoom').default> | undefined;

/**
 * @panzoom/panzoom, fetched when a reader reaches for a “full size” link (pointer over it, focus,
 * click) rather than with the page: a page that is only read runs 1 kB of script, not 11 kB.
 */
function loadPanzoom() {
  library ??= import('@panzoom/panzoom').then((module) => module.default);
  return library;
}

/**
 * The full-size view of each diagram: the “full size” link opens a dialog that holds the diagram
 * the reader's colour scheme shows, at its drawn size, to pan and zoom with @panzoom/panzoom (mouse
 * drag and wheel, touch pinch, and keys: arrows, + and −, 0). Without JS the link opens the SVG.
 * The SVG is moved, not copied, so its ids stay unique on the page.
 */
export function enhanceDiagrams(root: ParentNode): void {
  for (const figure of root.querySelectorAll<HTMLElement>('[data-diagram]')) {
    if (figure.dataset.enhanced) continue;
    figure.dataset.enhanced = 'true';
    const link = figure.querySelector<HTMLAnchorElement>('[data-diagram-open]')!;
    const dialog = figure.querySelector<HTMLDialogElement>('[data-diagram-view]')!;
    const stage = figure.querySelector<HTMLElement>('[data-diagram-stage]')!;
    let panzoom: PanzoomObject | undefined;
    let home: { svg: SVGSVGElement; parent: Element } | undefined;

    for (const intent of ['pointerenter', 'focus', 'touchstart'] as const) {
      link.addEventListener(intent, () => void loadPanzoom(), { once: true, passive: true });
    }
    link.addEventListener('click', (event) => {
      // The rendering the reader's colour scheme shows (the other one is display: none).
      const svg = [...figure.querySelectorAll<HTMLElement>('[data-diagram-fit] > div')]
        .find((rendering) => getComputedStyle(rendering).display !== 'none')
        ?.querySelector('svg');
      if (!svg) return;
      event.preventDefault();
      home = { svg, parent: svg.parentElement! };
      stage.append(svg);
      dialog.showModal();
      stage.focus();
      void loadPanzoom().then((Panzoom) => {
        // The reader may have closed the view while the library was on its way.
        if (home?.svg === svg) panzoom = Panzoom(svg, { maxScale: 6, minScale: 0.1, canvas: true });
      });
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
        home.svg.removeAttribute('style');
        home.parent.append(home.svg);
        home = undefined;
      }
      link.focus();
    });
  }
}
