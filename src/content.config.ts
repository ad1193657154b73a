import { defineCollection } from 'astro:content';
import { deliverables } from './deliverables/index.ts';
import { deliverableLoader } from './site/content-loader.ts';

/** One collection per deliverable, named by its id, loaded by the kit's one content loader. */
export const collections = Object.fromEntries(
  deliverables.map((d) => [d.id, defineCollection({ loader: deliverableLoader(d) })]),
);
