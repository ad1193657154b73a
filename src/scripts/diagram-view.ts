import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';

/** How far one arrow key moves the diagram, in CSS px. */
const step = 80;

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

    link.addEventListener('click', (event) => {
      const svg = [...figure.querySelectorAll<SVGSVGElement>('[data-diagram-fit] svg')].find(
        (candidate) => candidate.getBoundingClientRect().width > 0,
      );
      if (!svg) return;
      event.preventDefault();
      home = { svg, parent: svg.parentElement! };
      stage.append(svg);
      dialog.showModal();
      panzoom = Panzoom(svg, { maxScale: 6, minScale: 0.1, canvas: true });
      stage.focus();
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
