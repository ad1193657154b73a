/** A finished take: its measured length, the original recording and the same audio as WAV. */
import type { RecordingFormat } from './microphone.ts';
import { encodeWav } from './wav.ts';

/** Opus's own rate: Chrome's and Firefox's takes decode to it without resampling. */
export const wavSampleRate = 48_000;

export interface TakeFile {
  blob: Blob;
  /** A blob: URL, for playback and the download link; revoked when the take is discarded. */
  url: string;
  name: string;
}

export interface Take {
  /** Measured from the decoded audio, or timed by the page when this browser cannot decode it. */
  seconds: number;
  original: TakeFile;
  /** Absent when this browser cannot decode its own recording. */
  wav?: TakeFile;
}

const fileOf = (blob: Blob, name: string): TakeFile => ({
  blob,
  url: URL.createObjectURL(blob),
  name,
});

async function decode(recording: Blob): Promise<AudioBuffer | undefined> {
  try {
    // An offline context needs no audio output and no user gesture, and decodes at its own rate.
    const context = new OfflineAudioContext(1, 1, wavSampleRate);
    return await context.decodeAudioData(await recording.arrayBuffer());
  } catch {
    return undefined;
  }
}

/**
 * Chrome's WebM carries no duration in its header, so the length comes from decoding the audio,
 * which also gives the samples for the WAV.
 */
export async function makeTake(
  recording: Blob,
  format: RecordingFormat,
  baseName: string,
  timedSeconds: number,
): Promise<Take> {
  const original = fileOf(recording, `${baseName}.${format.extension}`);
  const audio = await decode(recording);
  if (!audio) return { seconds: timedSeconds, original };
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) =>
    audio.getChannelData(i),
  );
  const wav = new Blob([encodeWav(channels, audio.sampleRate)], { type: 'audio/wav' });
  return { seconds: audio.duration, original, wav: fileOf(wav, `${baseName}.wav`) };
}

export function discardTake(take: Take): void {
  URL.revokeObjectURL(take.original.url);
  if (take.wav) URL.revokeObjectURL(take.wav.url);
}
