import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { readWav } from "../voice/audio/wav";

/** What the server was asked to say, with the samples it answered. */
export interface SpeechRequest {
  body: Record<string, unknown>;
  samples: number;
}

/** What the server was asked to transcribe: the form's text fields and the WAV's format. */
export interface TranscriptionRequest {
  fields: Record<string, string>;
  sampleRate: number;
  samples: number;
}

/** A running local OpenAI-compatible speech server (see openAiSpeechServer). */
export interface OpenAiSpeechServer {
  /** Up to and including `/v1`, as OPENAI_BASE_URL takes it. */
  baseUrl: string;
  key: string;
  speechRequests: SpeechRequest[];
  transcriptionRequests: TranscriptionRequest[];
  /** What the next transcriptions answer. */
  transcript: string;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * A local server speaking the documented OpenAI audio API (no vendor can be reached from here): `POST /v1/audio/speech`
 * answers raw 24 kHz PCM16 (`response_format: "pcm"`), 50 ms of a 440 Hz tone per character, in odd-sized chunks;
 * `POST /v1/audio/transcriptions` takes multipart form data with a WAV `file` and answers `{ text }`. Both want the
 * bearer key and answer OpenAI's error shape otherwise. It records what it was sent.
 */
export async function openAiSpeechServer(key = "sk-test-key"): Promise<OpenAiSpeechServer> {
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (request.headers.authorization !== `Bearer ${key}`) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "Incorrect API key provided", type: "invalid_request_error" } }));
      return;
    }
    if (request.url === "/v1/audio/speech") {
      const parsed = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      const samples = Math.round(String(parsed.input).length * 0.05 * 24_000);
      handle.speechRequests.push({ body: parsed, samples });
      const pcm = Buffer.alloc(samples * 2);
      for (let n = 0; n < samples; n++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / 24_000)), n * 2);
      response.writeHead(200, { "content-type": "audio/pcm" });
      for (let at = 0; at < pcm.length; at += 1001) response.write(pcm.subarray(at, at + 1001));
      response.end();
      return;
    }
    if (request.url === "/v1/audio/transcriptions") {
      const form = await new Request("http://local/", {
        method: "POST",
        headers: { "content-type": request.headers["content-type"]! },
        body,
      }).formData();
      const file = form.get("file") as Blob;
      const audio = readWav(new Uint8Array(await file.arrayBuffer()));
      const fields: Record<string, string> = {};
      for (const [name, value] of form.entries()) if (typeof value === "string") fields[name] = value;
      handle.transcriptionRequests.push({ fields, sampleRate: audio.sampleRate, samples: audio.samples.length });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ text: handle.transcript }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const handle: OpenAiSpeechServer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    key,
    speechRequests: [],
    transcriptionRequests: [],
    transcript: "",
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return handle;
}
