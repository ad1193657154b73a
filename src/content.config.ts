import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { schemas } from './schemas/index.ts';

// Tests point the build at a broken copy of the content to see it refused.
const contentDir = process.env.KIT_CONTENT_DIR ?? './content';

/** One collection per deliverable, over the top-level `content/` folder. */
export const collections = {
  devopsPart1: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${contentDir}/devops/part-1` }),
    schema: schemas['devops-part-1'],
  }),
  devopsPart2: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${contentDir}/devops/part-2` }),
    schema: schemas['devops-part-2'],
  }),
  learning: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${contentDir}/learning-resources` }),
    schema: schemas.english,
  }),
  stories: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${contentDir}/stories` }),
    schema: schemas['cloud-computing'],
  }),
  security: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${contentDir}/security` }),
    schema: schemas['system-security'],
  }),
};
