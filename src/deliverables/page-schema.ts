import { z } from 'astro/zod';
import { languages } from '../lib/i18n.ts';

/** Frontmatter every deliverable page shares; each deliverable adds its own fields. */
export const pageFields = {
  /** The page's `<h1>` and `<title>`: what the reviewer is reading. */
  title: z.string().min(3),
  /** The short name the navigation shows. */
  nav: z.string().min(3).max(40),
  /** One or two sentences for the meta description and the home page's card. */
  description: z.string().min(20).max(200),
  /** The language the file is written in; one file per language and deliverable. */
  lang: z.enum(languages),
  /** Position in the navigation and on the home page, smallest first. */
  order: z.number().int().min(1),
};

/** A name in `diagrams/` without `.mmd`; a `.es.mmd` beside it serves Spanish. */
export const diagramName = z.string().regex(/^[a-z0-9-]+$/);
