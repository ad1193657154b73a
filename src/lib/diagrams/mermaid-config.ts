export type Theme = 'default' | 'dark';

/**
 * What every render uses; part of the cache key, so changing it renders everything again.
 * `htmlLabels: false` gives pure SVG text, no `foreignObject`, which any viewer draws alike.
 */
export const mermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  htmlLabels: false,
  flowchart: { htmlLabels: false, curve: 'basis' },
  themeVariables: { fontFamily: 'Arial, Helvetica, sans-serif' },
} as const;

/** Edge labels sit on the page's own background, opaque, so their text keeps its contrast. */
export const themeVariables: Record<Theme, Record<string, string>> = {
  default: { edgeLabelBackground: '#ffffff' },
  dark: { edgeLabelBackground: '#0f1318' },
};
