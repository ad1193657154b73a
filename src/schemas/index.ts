import type { z } from 'astro/zod';
import type { DeliverableId } from '../lib/deliverables.ts';
import { securitySchema } from './security.ts';

/** The frontmatter schema of each deliverable's pages; `content.config.ts` and the export share it. */
export const schemas = {
  'system-security': securitySchema,
} satisfies Record<DeliverableId, z.ZodType>;
