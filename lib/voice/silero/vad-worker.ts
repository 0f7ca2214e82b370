/**
 * A Silero VAD thread (started by SileroVoiceActivityDetector through EnginePool): one ONNX session shared by the
 * streams homed here, each with its own recurrent state, 512-sample windows (32 ms) at 16 kHz.
 *
 * Messages: VadRequest with an `id` → ThreadReply<VadAnswer>; `{ type: "close" }` exits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { replyTo } from "../../threads/request-thread";
import { concatSamples, pcm16Samples, SAMPLE_RATE } from "../audio/pcm";
import type { VoiceActivityEvent } from "../voice-activity";
import { SpeechSegmenter } from "./speech-segmenter";
import type { VadAnswer, VadRequest } from "./vad-messages";

const port = parentPort;
if (!port) throw new Error("vad-worker runs in a worker thread");
const { model } = workerData as { model: string };

const WINDOW = 512;
const CONTEXT = 64;
const session = InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" });
const sampleRate = new Tensor("int64", BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);

interface Stream {
  segmenter: SpeechSegmenter;
  state: Float32Array;
  /** The window's input: the previous window's last 64 samples, then 512 new ones. */
  input: Float32Array;
  pending: Int16Array;
}
const streams = new Map<string, Stream>();

async function probability(stream: Stream, window: Int16Array): Promise<number> {
  for (let i = 0; i < WINDOW; i++) stream.input[CONTEXT + i] = window[i]! / 32768;
  const result = await (
    await session
  ).run({
    input: new Tensor("float32", stream.input, [1, CONTEXT + WINDOW]),
    state: new Tensor("float32", stream.state, [2, 1, 128]),
    sr: sampleRate,
  });
  stream.state = Float32Array.from(result.stateN!.data as Float32Array);
  stream.input.copyWithin(0, WINDOW, WINDOW + CONTEXT);
  return (result.output!.data as Float32Array)[0]!;
}

function take(id: string): Stream {
  const stream = streams.get(id);
  if (!stream) throw new Error(`no voice activity stream ${id}`);
  return stream;
}

async function answer(request: VadRequest): Promise<VadAnswer> {
  switch (request.type) {
    case "open":
      await session;
      streams.set(request.stream, {
        segmenter: new SpeechSegmenter((WINDOW / SAMPLE_RATE) * 1000, request.options),
        state: new Float32Array(2 * 128),
        input: new Float32Array(CONTEXT + WINDOW),
        pending: new Int16Array(0),
      });
      return { events: [] };
    case "feed": {
      const stream = take(request.stream);
      const all = concatSamples([stream.pending, pcm16Samples(request.pcm)]);
      const events: VoiceActivityEvent[] = [];
      let at = 0;
      for (; at + WINDOW <= all.length; at += WINDOW) {
        const event = stream.segmenter.push(await probability(stream, all.subarray(at, at + WINDOW)));
        if (event) events.push(event);
      }
      stream.pending = all.slice(at);
      return { events };
    }
    case "finish": {
      const stream = take(request.stream);
      streams.delete(request.stream);
      const event = stream.segmenter.finish();
      return { events: event ? [event] : [] };
    }
  }
}

port.on("message", (message: (VadRequest & { id: number }) | { type: "close" }) => {
  if (message.type === "close") {
    void session
      .then((loaded) => loaded.release())
      .catch(() => undefined)
      .finally(() => port.close());
    return;
  }
  void replyTo(message.id, answer(message)).then((reply) => port.postMessage(reply));
});
