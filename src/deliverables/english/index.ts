import { z } from 'astro/zod';
import type { Lang } from '../../lib/i18n.ts';
import { scriptWindow } from '../../lib/speaking-time.ts';
import { challenges } from '../challenges.ts';
import { defineDeliverable } from '../define.ts';
import { scriptProblems, spokenTexts, type SpokenText } from './spoken-texts.ts';

const textFile = z
  .string()
  .regex(/^\.\/[\w.-]+\.txt$/, 'a plain-text file beside this one, like ./script.txt');

/** How long a text takes to say, at the usual rate and the careful one. */
const timing = ({ estimate: e, careful }: SpokenText, lang: Lang) =>
  lang === 'es'
    ? `${e.words} palabras, unos ${e.seconds} s a ${e.rate} palabras por minuto y ${careful.seconds} s a ${careful.rate}`
    : `${e.words} words, about ${e.seconds} s at ${e.rate} words a minute and ${careful.seconds} s at ${careful.rate}`;

/**
 * The English audio: the script he records and the transcript he wrote. Exported as
 * `english/recording-script.txt`, the script with its length in a header line, to read from when
 * recording. The transcript, his first draft kept word for word with its slips, is shown on the
 * page only: the brief asks for the audio, and the script is what he records. The audio itself is
 * recorded on the site and uploaded apart, as the brief asks.
 */
export const english = defineDeliverable({
  id: 'english',
  languages: ['en'],
  brief: {
    challenge: challenges.part3,
    section: { en: 'English', es: 'Inglés' },
  },
  namesIn: {
    es: {
      nav: 'Audio en inglés',
      title: 'Mis recursos favoritos para aprender tecnología: un audio en inglés',
      description:
        'Un guion de grabación que cabe en el límite de 60 segundos, una página para ensayarlo y grabarlo, y mi transcripción completa.',
    },
  },
  fields: {
    /** What he reads aloud; the build refuses it outside 30–55 s at 130 wpm, or over 60 s at 110. */
    script: textFile,
    /** His own transcript, word for word; shown on the page with its length, not handed in. */
    transcript: textFile,
  },
  extra: ({ path, data }) => spokenTexts(path, data),
  check: ({ extra }) => scriptProblems(extra.script),
  checklist: ([{ extra }]) => {
    const { estimate, careful } = extra.script;
    const { seconds } = estimate;
    return [
      {
        requirement: {
          en: `A recording script of 30–${scriptWindow.hardLimitSeconds} s`,
          es: `Un guion de grabación de 30–${scriptWindow.hardLimitSeconds} s`,
        },
        holds:
          seconds >= scriptWindow.minSeconds &&
          seconds <= scriptWindow.hardLimitSeconds &&
          careful.seconds <= scriptWindow.hardLimitSeconds,
        evidence: {
          en: timing(extra.script, 'en'),
          es: timing(extra.script, 'es'),
        },
      },
    ];
  },
  exports: ['english/recording-script.txt'],
  async files([{ extra }]) {
    const { script } = extra;
    return [
      {
        path: 'english/recording-script.txt',
        contents: `Recording script: ${timing(script, 'en')} (the brief allows ${scriptWindow.minSeconds}–${scriptWindow.hardLimitSeconds} s)\n\n${script.text}\n`,
      },
    ];
  },
});
