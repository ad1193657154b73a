import { describe, expect, it } from 'vitest';
import {
  carefulWordsPerMinute,
  countWords,
  estimate,
  speakingSeconds,
  wordsPerMinute,
} from '../src/lib/speaking-time.ts';

describe('word count', () => {
  it.each([
    ['Hello, world!', 2],
    ["I'm Diego, and I don't stop.", 6],
    ['self-paced courses, two-pronged approach', 4],
    ['Top 10 for 2021, 30–60 seconds', 7],
    ['Spring Boot — then Java EE …', 5],
    ['  \n\t ', 0],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('speaking time', () => {
  it('is words over the rate, in seconds', () => {
    expect(wordsPerMinute).toBe(130);
    expect(carefulWordsPerMinute).toBe(110);
    expect(speakingSeconds(130)).toBe(60);
    expect(speakingSeconds(65)).toBe(30);
    expect(speakingSeconds(100, 100)).toBe(60);
    expect(estimate('one two three')).toEqual({ words: 3, seconds: 1, rate: 130 });
  });
});
