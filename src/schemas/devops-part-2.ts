import { z } from 'astro/zod';
import { pageSchema } from './page.ts';

/** DevOps Part 2: the technical description of an AWS topology, with the topology redrawn. */
export const devopsPart2Schema = pageSchema.extend({
  deliverable: z.literal('devops-part-2'),
  /** The redrawn topology in `diagrams/` (name without `.mmd`); exported as `topology.png`. */
  diagram: z.string().regex(/^[a-z0-9-]+$/),
  /** Where the challenge's own image goes, beside this file, when the candidate has it. */
  originalImage: z.string().regex(/^\.\/[\w.-]+\.png$/),
});

export type DevopsPart2Data = z.infer<typeof devopsPart2Schema>;
