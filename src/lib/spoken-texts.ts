import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ContentError, displayPath } from './content-error.ts';
import { estimate, scriptWindow, wordsPerMinute, type SpeakingEstimate } from './speaking-time.ts';

export interface SpokenText {
  file: string;
  text: string;
  estimate: SpeakingEstimate;
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
  return { file, text, estimate: estimate(text) };
}

/** The script and the transcript the English page names, with their speaking time. */
export function spokenTexts(
  mdxFile: string,
  data: { script: string; transcript: string },
): { script: SpokenText; transcript: SpokenText } {
  return { script: read(mdxFile, data.script), transcript: read(mdxFile, data.transcript) };
}

/** The script must fit the brief with 5 s to spare, read at the kit's pace. */
export function scriptProblems(script: SpokenText): ContentError[] {
  const { words, seconds } = script.estimate;
  const { minSeconds, maxSeconds } = scriptWindow;
  if (seconds >= minSeconds && seconds <= maxSeconds) return [];
  const target = Math.round(
    (seconds < minSeconds ? minSeconds + 5 : maxSeconds - 5) * (wordsPerMinute / 60),
  );
  return [
    new ContentError(
      script.file,
      undefined,
      `the script takes about ${seconds} s (${words} words at ${wordsPerMinute} words a minute); it must take ${minSeconds}–${maxSeconds} s`,
      `${seconds < minSeconds ? 'add' : 'cut'} about ${Math.abs(words - target)} words, to about ${target}.`,
    ),
  ];
}
