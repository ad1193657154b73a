import { z } from 'astro/zod';
import { pageSchema } from './page.ts';

/** The OWASP Top 10 audit: the body must hold the ten categories (checked by `lib/owasp.ts`). */
export const securitySchema = pageSchema.extend({
  deliverable: z.literal('system-security'),
  /** The edition of the OWASP Top 10 the audit follows; the brief asks for 2021. */
  owaspEdition: z.literal(2021),
  /** The name the exported file takes in `submission/`; the brief asks for this one. */
  exportName: z.literal('security_question.md'),
});

export type SecurityData = z.infer<typeof securitySchema>;
