import { z } from 'astro/zod';
import { pageSchema } from './page.ts';

/** The Instagram Stories architecture: a flowchart, its walk-through, and a second view. */
export const storiesSchema = pageSchema.extend({
  deliverable: z.literal('cloud-computing'),
  /** The flowchart in `diagrams/` (name without `.mmd`); the export turns it into the PNG. */
  diagram: z.string().regex(/^[a-z0-9-]+$/),
  /** The sequence diagram of the read path in `diagrams/`, shown below the walk-through. */
  readPathDiagram: z.string().regex(/^[a-z0-9-]+$/),
  /** The file name, without extension, the PNG and SVG take in `submission/cloud-computing/`. */
  exportName: z.string().regex(/^[a-z0-9-]+$/),
});

export type StoriesData = z.infer<typeof storiesSchema>;
