/**
 * Reads a WAV file's RIFF structure chunk by chunk, as a player would, independently of the
 * encoder under test: a file that does not parse, or whose sizes disagree, throws.
 */
export interface WavHeader {
  format: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  dataBytes: number;
  /** From the header alone: the data chunk's bytes over the bytes a second. */
  seconds: number;
  /** The samples of the data chunk, as 16-bit integers when the file is 16-bit PCM. */
  samples: Int16Array;
}

export function readWav(bytes: Uint8Array): WavHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF WAVE file');
  if (view.getUint32(4, true) !== bytes.byteLength - 8) {
    throw new Error(`RIFF size ${view.getUint32(4, true)} ≠ file size ${bytes.byteLength} − 8`);
  }
  let fmt: Omit<WavHeader, 'dataBytes' | 'seconds' | 'samples'> | undefined;
  for (let offset = 12; offset + 8 <= bytes.byteLength;) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (body + size > bytes.byteLength) throw new Error(`chunk ${id} runs past the end`);
    if (id === 'fmt ') {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data chunk before fmt chunk');
      if (fmt.byteRate !== fmt.sampleRate * fmt.blockAlign) throw new Error('byte rate mismatch');
      if (fmt.blockAlign !== (fmt.channels * fmt.bitsPerSample) / 8) {
        throw new Error('block align mismatch');
      }
      const samples =
        fmt.bitsPerSample === 16
          ? new Int16Array(bytes.slice(body, body + size).buffer)
          : new Int16Array();
      return { ...fmt, dataBytes: size, seconds: size / fmt.byteRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('no data chunk');
}
