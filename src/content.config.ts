import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { schemas } from './schemas/index.ts';

/** One collection per deliverable, over the top-level `content/` folder. */
export const collections = {
  security: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/security' }),
    schema: schemas['system-security'],
  }),
};
