/**
 * What an image handed in must satisfy to be read as a reviewer first sees it, fitted to a
 * 1920×1080 screen: at the diagram's 16 px font, at most 2560×1440 CSS px keeps every label at
 * 12 px or more (1080 / 1440 = 0.75), and a landscape or near-square shape fills the screen.
 */
export const screenFit = {
  maxWidth: 2560,
  maxHeight: 1440,
  minAspect: 0.8,
  maxAspect: 2,
  /** A PNG has at least this many pixels per CSS pixel, so it stays sharp when zoomed. */
  minScale: 2,
} as const;

/** What breaks the rule for a diagram of `width`×`height` CSS px; empty when it fits. */
export function screenFitProblems({ width, height }: { width: number; height: number }): string[] {
  const problems: string[] = [];
  if (width > screenFit.maxWidth || height > screenFit.maxHeight)
    problems.push(
      `it is ${width}×${height} CSS px, more than ${screenFit.maxWidth}×${screenFit.maxHeight}`,
    );
  const aspect = width / height;
  if (aspect < screenFit.minAspect || aspect > screenFit.maxAspect)
    problems.push(
      `its width/height is ${aspect.toFixed(2)}, outside ${screenFit.minAspect}–${screenFit.maxAspect}`,
    );
  return problems;
}
