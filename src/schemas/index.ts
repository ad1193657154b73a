import type { z } from 'astro/zod';
import type { DeliverableId } from '../lib/deliverables.ts';
import { devopsPart1Schema } from './devops-part-1.ts';
import { devopsPart2Schema } from './devops-part-2.ts';
import { learningSchema } from './learning.ts';
import { securitySchema } from './security.ts';
import { storiesSchema } from './stories.ts';

/** The frontmatter schema of each deliverable's pages; `content.config.ts` and the export share it. */
export const schemas = {
  'devops-part-1': devopsPart1Schema,
  'devops-part-2': devopsPart2Schema,
  english: learningSchema,
  'cloud-computing': storiesSchema,
  'system-security': securitySchema,
} satisfies Record<DeliverableId, z.ZodType>;
