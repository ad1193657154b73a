import { join } from 'node:path';
import { loadContentFolder } from '../../lib/content-file.ts';
import { deliverable } from '../../lib/deliverables.ts';
import { learningTexts } from '../../lib/learning-texts.ts';
import { scriptWindow } from '../../lib/speaking-time.ts';
import type { LearningData } from '../../schemas/learning.ts';
import type { DeliverableExport } from '../types.ts';

const { brief } = deliverable('english');
const answers = `${brief.challenge.en} — ${brief.section.en}`;

/**
 * `english/recording-script.txt`, the script with its length in a header line, to read from
 * when recording; and `english/transcript.md`, the full transcript, marked as over the limit.
 * The audio itself is recorded on the site and uploaded apart, as the brief asks.
 */
export const english: DeliverableExport = {
  id: 'english',
  async files({ contentDir }) {
    const [{ file, data }] = await loadContentFolder(join(contentDir, 'learning-resources'));
    const { script, transcript } = learningTexts(file, data as LearningData);
    const timing = ({ estimate: e, careful }: typeof script) =>
      `${e.words} words, about ${e.seconds} s at ${e.rate} words a minute and ${careful.seconds} s at ${careful.rate}`;
    return [
      {
        path: 'english/recording-script.txt',
        contents: `Recording script: ${timing(script)} (the brief allows ${scriptWindow.minSeconds}–${scriptWindow.hardLimitSeconds} s)\n\n${script.text}\n`,
        brief: answers,
      },
      {
        path: 'english/transcript.md',
        contents: `# My favorite technology learning resources: full transcript\n\n_${timing(transcript)}: over the ${scriptWindow.hardLimitSeconds}-second limit, so the recording uses the shorter script._\n\n${transcript.text}\n`,
        brief: answers,
      },
    ];
  },
};
