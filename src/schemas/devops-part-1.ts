import { z } from 'astro/zod';
import { pageSchema } from './page.ts';

/** DevOps Part 1: the Flask app and its AWS deployment, handed in as the folder beside this file. */
export const devopsPart1Schema = pageSchema.extend({
  deliverable: z.literal('devops-part-1'),
  /** The deployment diagram in `diagrams/` (name without `.mmd`); exported as `architecture.png`. */
  diagram: z.string().regex(/^[a-z0-9-]+$/),
});

export type DevopsPart1Data = z.infer<typeof devopsPart1Schema>;
