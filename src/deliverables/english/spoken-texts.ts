import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ContentError, displayPath } from '../../lib/content-error.ts';
import {
  carefulWordsPerMinute,
  estimate,
  scriptWindow,
  type SpeakingEstimate,
} from '../../lib/speaking-time.ts';

export interface SpokenText {
  file: string;
  text: string;
  /** At the fluent pace. */
  estimate: SpeakingEstimate;
  /** At the careful, slower pace. */
  careful: SpeakingEstimate;
}

function read(mdxFile: string, relative: string): SpokenText {
  const path = join(dirname(mdxFile), relative);
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw new ContentError(
      file,
      undefined,
      'the file does not exist',
      `create it, or correct the path in ${displayPath(mdxFile)}.`,
    );
  }
  return { file, text, estimate: estimate(text), careful: estimate(text, carefulWordsPerMinute) };
}

/** The script and the transcript the English page names, with their speaking time. */
export function spokenTexts(
  mdxFile: string,
  data: { script: string; transcript: string },
): { script: SpokenText; transcript: SpokenText } {
  return { script: read(mdxFile, data.script), transcript: read(mdxFile, data.transcript) };
}

/**
 * The script must fit the brief with 5 s to spare at the fluent pace, and still within the brief's
 * hard limit at the careful pace; each pace it misses is one problem.
 */
export function scriptProblems(script: SpokenText): ContentError[] {
  const { minSeconds, maxSeconds, hardLimitSeconds } = scriptWindow;
  const paces = [
    {
      at: script.estimate,
      min: minSeconds,
      max: maxSeconds,
      window: `${minSeconds}–${maxSeconds} s`,
    },
    { at: script.careful, min: 0, max: hardLimitSeconds, window: `at most ${hardLimitSeconds} s` },
  ];
  return paces.flatMap(({ at: { words, seconds, rate }, min, max, window }) => {
    if (seconds >= min && seconds <= max) return [];
    const target = Math.round((seconds < min ? min + 5 : max - 5) * (rate / 60));
    return [
      new ContentError(
        script.file,
        undefined,
        `the script takes about ${seconds} s (${words} words at ${rate} words a minute); it must take ${window}`,
        `${seconds < min ? 'add' : 'cut'} about ${Math.abs(words - target)} words, to about ${target}.`,
      ),
    ];
  });
}
