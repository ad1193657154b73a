/**
 * How fast the candidate speaks when he records: a fluent pace, and a careful non-native one for a
 * slow take. Every estimate of the kit (the build's check, the page, the export's header) uses these.
 */
export const wordsPerMinute = 130;
export const carefulWordsPerMinute = 110;

/**
 * The brief's window is 30–60 s. At the fluent pace the script must fit 30–55 s, leaving 5 s of
 * margin; read at the careful pace it must still end within the brief's hard 60 s.
 */
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
