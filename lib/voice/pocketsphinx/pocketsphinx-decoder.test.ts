import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resample } from "../audio/resample";
import { LocalTextToSpeech } from "../piper/local-tts";
import { speakToPcm } from "../spoken-audio";
import { compileListenGrammar } from "./listen-grammar";
import { NoiseFloor } from "./noise-floor";
import { fromPhoneLineWords } from "./phone-line-words";
import { PocketsphinxDecoder } from "./pocketsphinx-decoder";
import { readPronouncingDictionary } from "./pronouncing-dictionary";

/* The real libpocketsphinx (Debian's), fed espeak-ng speech. */
let scratch: string;
let decoder: PocketsphinxDecoder;
let speech: Int16Array;
let espeak: LocalTextToSpeech;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "switchboard-decoder-"));
  const grammar = compileListenGrammar(["yes", "no"], readPronouncingDictionary())!;
  const jsgfFile = path.join(scratch, "yes-no.gram");
  const dictionaryFile = path.join(scratch, "yes-no.dict");
  writeFileSync(jsgfFile, grammar.jsgf);
  writeFileSync(dictionaryFile, grammar.dictionary);
  decoder = new PocketsphinxDecoder({ kind: "grammar", jsgfFile, dictionaryFile });
  espeak = new LocalTextToSpeech({ threads: 1, voice: "espeak" });
  speech = await speakToPcm(espeak, "Yes. No. Yes, I would. Yes yes yes. No, no.");
});

afterAll(async () => {
  await espeak?.close();
  decoder?.free();
  rmSync(scratch, { recursive: true, force: true });
});

describe("PocketsphinxDecoder", () => {
  it("takes audio in pieces of any size, after whole decodes, without aborting the process", () => {
    // Streaming three 200 ms pieces and then decoding 200 ms whole, twice, aborted the process (acmod_process_cep's
    // assertion) before process() cut its input into small pieces: every call on the server would have ended with it.
    for (let round = 0; round < 6; round++) {
      decoder.start();
      for (let piece = 0; piece < 3; piece++) decoder.process(speech.subarray(0, 3_200));
      decoder.finish();
      decoder.decodeWhole(speech.subarray(0, 3_200));
    }
    decoder.start();
    decoder.process(speech);
    expect(decoder.finish().split(" ")).toContain("yes");
    expect(decoder.decodeWhole(speech).split(" ")).toContain("no");
  });

  it("decodes with its grammar's phone-line search when asked, and with the grammar itself otherwise", async () => {
    const grammar = compileListenGrammar(["speak to someone", "cancel"], readPronouncingDictionary())!;
    const files = Object.fromEntries(
      (["jsgf", "phoneLineJsgf", "dictionary"] as const).map((part) => {
        const file = path.join(scratch, `phone-${part}`);
        writeFileSync(file, grammar[part]);
        return [part, file];
      }),
    );
    const phoneLineDecoder = new PocketsphinxDecoder({
      kind: "grammar",
      jsgfFile: files.jsgf!,
      dictionaryFile: files.dictionary!,
      phoneLineJsgfFile: files.phoneLineJsgf!,
    });
    try {
      const line = await speakToPcm(espeak, "Speak to someone.");
      const overThePhone = new NoiseFloor().add(resample(resample(line, 16_000, 8_000), 8_000, 16_000));
      expect(fromPhoneLineWords(phoneLineDecoder.decodeWhole(overThePhone, "phone-line"))).toContain("speak to someone");
      // Back in the grammar's own search, which has no phone-line forms, for whole and streamed utterances alike.
      expect(phoneLineDecoder.decodeWhole(overThePhone)).not.toContain("_phoneline");
      phoneLineDecoder.decodeWhole(overThePhone, "phone-line");
      phoneLineDecoder.start();
      phoneLineDecoder.process(overThePhone);
      expect(phoneLineDecoder.finish()).not.toContain("_phoneline");
      expect(() => decoder.decodeWhole(overThePhone, "phone-line")).toThrow(/no phone-line search/);
    } finally {
      phoneLineDecoder.free();
    }
  });
});
