import { describe, expect, it } from 'vitest';
import { encodeWav } from '../src/scripts/wav.ts';
import { readWav } from './helpers/wav-header.ts';

const encoded = (channels: Float32Array[], rate: number) =>
  new Uint8Array(encodeWav(channels, rate));

describe('encodeWav', () => {
  it('writes a 44-byte RIFF header for mono 16-bit PCM and the samples after it', () => {
    const bytes = encoded([new Float32Array([0, 0.5, -0.5])], 48_000);
    expect(bytes.byteLength).toBe(44 + 3 * 2);
    expect(readWav(bytes)).toMatchObject({
      format: 1,
      channels: 1,
      sampleRate: 48_000,
      byteRate: 96_000,
      blockAlign: 2,
      bitsPerSample: 16,
      dataBytes: 6,
    });
    expect([...readWav(bytes).samples]).toEqual([0, 16384, -16384]);
  });

  it('gives the length in its header: one second of samples reads as one second', () => {
    const second = new Float32Array(44_100);
    expect(readWav(encoded([second], 44_100)).seconds).toBe(1);
  });

  it('mixes several channels down to one by their mean', () => {
    const left = new Float32Array([1, 0.5, -1]);
    const right = new Float32Array([0, -0.5, -1]);
    const wav = readWav(encoded([left, right], 48_000));
    expect(wav.channels).toBe(1);
    expect([...wav.samples]).toEqual([16384, 0, -32768]);
  });

  it('clips what lies beyond full scale instead of wrapping around', () => {
    const wav = readWav(encoded([new Float32Array([1.5, 1, -1, -2])], 48_000));
    expect([...wav.samples]).toEqual([32767, 32767, -32768, -32768]);
  });

  it('writes an empty take as a valid file with no samples', () => {
    const wav = readWav(encoded([new Float32Array(0)], 48_000));
    expect(wav.dataBytes).toBe(0);
    expect(wav.seconds).toBe(0);
  });
});
