import { z } from 'astro/zod';
import { deliverableIds } from '../lib/deliverables.ts';
import { languages } from '../lib/i18n.ts';

/** Frontmatter every deliverable page shares. */
export const pageSchema = z.strictObject({
  /** The page's `<h1>` and `<title>`: what the reviewer is reading. */
  title: z.string().min(3),
  /** The short name the navigation shows. */
  nav: z.string().min(3).max(40),
  /** One or two sentences for the meta description and the home page's card. */
  description: z.string().min(20).max(200),
  /** The language the file is written in; one file per language and deliverable. */
  lang: z.enum(languages),
  /** Which deliverable the page answers; ties it to its route, brief and exports. */
  deliverable: z.enum(deliverableIds),
  /** Position in the navigation and on the home page, smallest first. */
  order: z.number().int().min(1),
});

export type PageData = z.infer<typeof pageSchema>;
