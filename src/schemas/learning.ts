import { z } from 'astro/zod';
import { pageSchema } from './page.ts';

const textFile = z
  .string()
  .regex(/^\.\/[\w.-]+\.txt$/, 'a plain-text file beside this one, like ./script.txt');

/** The English audio: the script he records and the transcript he wrote, as plain text. */
export const learningSchema = pageSchema.extend({
  deliverable: z.literal('english'),
  /** What he reads aloud; the build refuses it outside 30–55 s at 130 wpm, or over 60 s at 110. */
  script: textFile,
  /** His own transcript, word for word; shown with its length, which is over the limit. */
  transcript: textFile,
});

export type LearningData = z.infer<typeof learningSchema>;
