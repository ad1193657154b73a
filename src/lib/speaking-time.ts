/**
 * How fast the candidate speaks when he records: a careful, non-native pace. Every estimate of
 * the kit (the build's check, the page, the export's header) uses this one number.
 */
export const wordsPerMinute = 130;

/** The brief's window is 30–60 s; the script must fit 30–55 s, leaving 5 s of margin. */
export const scriptWindow = { minSeconds: 30, maxSeconds: 55, hardLimitSeconds: 60 } as const;

/**
 * Words as a listener hears them: "I'm", "self-paced" and "2021" are one word each; dashes and
 * punctuation standing alone are none.
 */
export function countWords(text: string): number {
  return text.split(/[\s—–]+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Seconds it takes to say `words` at `rate` words per minute, rounded to the second. */
export function speakingSeconds(words: number, rate = wordsPerMinute): number {
  return Math.round((words / rate) * 60);
}

export interface SpeakingEstimate {
  words: number;
  seconds: number;
  rate: number;
}

export function estimate(text: string, rate = wordsPerMinute): SpeakingEstimate {
  const words = countWords(text);
  return { words, seconds: speakingSeconds(words, rate), rate };
}
