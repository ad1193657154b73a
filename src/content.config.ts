import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDir } from './lib/content-dir.ts';
import { schemas } from './schemas/index.ts';

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
