import WebSocket from "ws";
import { pcm16Samples, SAMPLE_RATE } from "../audio/pcm";
import { CLOUD_SPEECH_LANGUAGES } from "../cloud-languages";
import { cloudListen } from "../cloud-listen";
import { matchPhrases } from "../pocketsphinx/listen-grammar";
import type { ListenOptions, SpeechToText, SpeechToTextCapabilities, SpeechToTextStream, Transcript } from "../speech-to-text";
import { SpeechApiError } from "../speech-api-request";
import { VoiceInputError } from "../voice-errors";

export const DEEPGRAM_BASE_URL = "wss://api.deepgram.com";

export interface DeepgramSpeechToTextOptions {
  /** Default Deepgram's own; another for a proxy or a server that speaks its streaming API. */
  baseUrl?: string;
  apiKey: string;
  /** e.g. "nova-3". */
  model: string;
  /** How long opening the stream, and its final results after CloseStream, may take (default 10 s). */
  timeoutMs?: number;
}

/** The part of Deepgram's `Results` message read here. */
interface DeepgramResults {
  type: "Results";
  is_final?: boolean;
  channel?: { alternatives?: Array<{ transcript?: string }> };
}

/**
 * Streaming speech to text over Deepgram's live WebSocket (`/v1/listen`, linear16 at 16 kHz, interim results). Each
 * listen is one stream: frames go out as they are fed; interim results come back as partial transcripts; `finish`
 * sends `CloseStream`, and the final transcript is the stream's finalized segments once the server has closed it.
 * Expected phrases are sent as `keyterm`s, which boost them.
 */
export class DeepgramSpeechToText implements SpeechToText {
  readonly name: string;
  readonly capabilities: SpeechToTextCapabilities = {
    streaming: true,
    sampleRates: [SAMPLE_RATE],
    languages: CLOUD_SPEECH_LANGUAGES,
    expectedPhrases: true,
  };

  constructor(private readonly options: DeepgramSpeechToTextOptions) {
    this.name = `deepgram:${options.model}`;
  }

  async listen(listenOptions: ListenOptions = {}): Promise<SpeechToTextStream & { readonly skippedWords: readonly string[] }> {
    const { expected, language } = cloudListen(this.name, listenOptions);
    const base = (this.options.baseUrl ?? DEEPGRAM_BASE_URL).replace(/\/+$/, "");
    const query = new URLSearchParams({
      model: this.options.model,
      encoding: "linear16",
      sample_rate: String(SAMPLE_RATE),
      channels: "1",
      interim_results: "true",
      language,
    });
    for (const { phrase } of expected) query.append("keyterm", phrase);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const socket = await openSocket(`${base}/v1/listen?${query}`, this.options.apiKey, base, timeoutMs);

    const finalized: string[] = [];
    let interim = "";
    let unreadPartial: string | null = null;
    let failure: Error | null = null;
    socket.on("message", (data, isBinary) => {
      if (isBinary) return;
      let message: DeepgramResults;
      try {
        message = JSON.parse(data.toString()) as DeepgramResults;
      } catch {
        return;
      }
      if (message.type !== "Results") return;
      const text = message.channel?.alternatives?.[0]?.transcript?.trim() ?? "";
      if (message.is_final) {
        if (text) finalized.push(text);
        interim = "";
      } else interim = text;
      const sofar = [...finalized, interim].filter(Boolean).join(" ");
      if (sofar) unreadPartial = sofar;
    });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", (error) => (failure = new SpeechApiError(0, `The speech API at ${base} failed mid-stream (${error.message})`)));
    let state: "open" | "finished" | "cancelled" = "open";
    const transcript = (final: boolean): Transcript => {
      const text = [...finalized, ...(final ? [] : [interim])].filter(Boolean).join(" ");
      return { text, final, matchedPhrases: matchPhrases(text, expected) };
    };

    return {
      skippedWords: [],
      async feed(pcm) {
        if (state !== "open") throw new VoiceInputError("closed", "this utterance has ended: start a new listen");
        if (failure) throw failure;
        const samples = pcm16Samples(pcm);
        if (socket.readyState === WebSocket.OPEN) socket.send(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
        if (unreadPartial === null) return null;
        unreadPartial = null;
        return transcript(false);
      },
      async finish() {
        if (state !== "open") throw new VoiceInputError("closed", "this utterance has ended: start a new listen");
        state = "finished";
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "CloseStream" }));
        const timer = setTimeout(() => socket.terminate(), timeoutMs);
        await closed;
        clearTimeout(timer);
        if (failure) throw failure;
        return transcript(true);
      },
      async cancel() {
        state = "cancelled";
        socket.terminate();
        await closed;
      },
    };
  }

  async close(): Promise<void> {}
}

/** Opens the stream, with the key as `Authorization: Token …`; a refusal says the server's status and reason. */
function openSocket(url: string, apiKey: string, server: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Token ${apiKey}` }, handshakeTimeout: timeoutMs });
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) => {
      const reason = response.headers["dg-error"] ?? response.statusMessage ?? "";
      reject(
        new SpeechApiError(
          response.statusCode ?? 0,
          `The speech API at ${server} answered ${response.statusCode}${reason ? `: ${reason}` : ""}`,
        ),
      );
      socket.terminate();
    });
    socket.once("error", (error) => reject(new SpeechApiError(0, `The speech API at ${server} could not be reached (${error.message})`)));
  });
}
