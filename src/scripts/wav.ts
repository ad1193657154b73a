/**
 * A WAV file (RIFF, 16-bit PCM, mono) from decoded audio.
 *
 * A small module rather than a library: the format is a fixed 44-byte header and the samples,
 * and a take needs one layout of it. `wavefile`, the maintained WAV library, reads and writes every
 * bit depth and codec, far more than this page should ship to a browser; the small AudioBuffer
 * encoders on npm (`audiobuffer-to-wav`, `wav-encoder`) are this same loop behind a dependency
 * we would have to vet and update. tests/wav.test.ts checks these bytes against the format.
 */

const headerBytes = 44;
const bytesPerSample = 2;

/** The channels mixed down to one, then written as 16-bit PCM at `sampleRate`. */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): ArrayBuffer {
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * bytesPerSample;
  const view = new DataView(new ArrayBuffer(headerBytes + dataBytes));
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, headerBytes - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // size of the fmt chunk for PCM
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerSample, true); // bytes a second
  view.setUint16(32, bytesPerSample, true); // bytes a frame
  view.setUint16(34, 8 * bytesPerSample, true); // bits a sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (const channel of channels) sum += channel[frame]!;
    const sample = Math.max(-1, Math.min(1, sum / channels.length));
    view.setInt16(
      headerBytes + frame * bytesPerSample,
      Math.round(sample < 0 ? sample * 0x8000 : sample * 0x7fff),
      true,
    );
  }
  return view.buffer;
}
