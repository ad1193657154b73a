import Callout from './Callout.astro';

/** The components content may use without importing them; each has a Markdown reading for the export. */
export const mdxComponents = { Callout };
