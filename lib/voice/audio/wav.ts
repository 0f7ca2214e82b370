import { VoiceInputError } from "../voice-errors";

/** Mono PCM16 audio and its rate, as read from or written to a WAV file. */
export interface PcmAudio {
  samples: Int16Array;
  sampleRate: number;
}

/**
 * Reads a RIFF/WAVE file of 16-bit PCM; several channels are mixed down to mono. Anything else (another encoding,
 * a truncated header, random bytes) is a VoiceInputError naming what is wrong.
 */
export function readWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE")
    throw new VoiceInputError("not-wav", "not a WAV file (no RIFF/WAVE header)");
  let format: { channels: number; sampleRate: number; bits: number; encoding: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = tag(at);
    // espeak-ng writes 0x7fffffff as the data size when it streams to stdout: the chunk runs to the end.
    const size = Math.min(view.getUint32(at + 4, true), bytes.byteLength - at - 8);
    const body = at + 8;
    if (id === "fmt " && size >= 16) {
      format = {
        encoding: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new VoiceInputError("not-wav", "WAV data before its format chunk");
      if (format.encoding !== 1 || format.bits !== 16 || format.channels < 1) {
        throw new VoiceInputError("unsupported-wav", `only 16-bit PCM WAV is read (format ${format.encoding}, ${format.bits} bits)`);
      }
      const frames = Math.floor(size / (2 * format.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++) sum += view.getInt16(body + (i * format.channels + c) * 2, true);
        samples[i] = Math.round(sum / format.channels);
      }
      return { samples, sampleRate: format.sampleRate };
    }
    at = body + size + (size % 2);
  }
  throw new VoiceInputError("not-wav", "WAV file without a data chunk");
}

/** A mono 16-bit PCM WAV file of `audio`. */
export function writeWav(audio: PcmAudio): Uint8Array {
  const dataBytes = audio.samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < audio.samples.length; i++) view.setInt16(44 + i * 2, audio.samples[i]!, true);
  return out;
}
