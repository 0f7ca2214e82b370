import { io } from "socket.io-client";
import { ApiError, NetworkError } from "@/lib/client/api-error";
import { flowApi } from "@/lib/client/flow-api";
import { validateFlowGraph } from "@/lib/flow";
import { useDocumentStore } from "../document-store";
import { canvasToGraph } from "../graph-convert";
import { useSaveStore } from "../save-store";
import { runStoreFeed, type ActiveTestCall } from "./call-feed";
import { effectiveTransport, useCallTransportStore } from "./call-transport-store";
import { LiveKitMicrophone } from "./livekit/livekit-microphone";
import { useRunStore } from "./run-store";
import { WIRE_AUDIO_FORMAT } from "./session-wire";
import { TestCall, type TestSocket } from "./test-call";
import { useCallModeStore } from "./voice/call-mode-store";
import { VoiceCallAudio } from "./voice/voice-call-audio";

let call: ActiveTestCall | null = null;
/** Counts starts, so a start overtaken by another (Restart pressed twice, the panel closed) drops what it opened. */
let attempt = 0;

/** What to tell the person when the draft could not be saved before a test. */
function saveProblem(): string {
  const { status, message } = useSaveStore.getState();
  if (status === "offline")
    return "You seem to be offline, so the draft could not be saved and the test cannot start. It will save when you are back online.";
  if (status === "conflict") return "Someone else saved this flow meanwhile. Choose whose version to keep, then test again.";
  return `The draft could not be saved${message ? `: ${message}` : ""}. Try again in a moment.`;
}

function startProblem(error: unknown): string {
  if (error instanceof NetworkError) return "Could not reach the server. Check your connection, then press Restart.";
  if (error instanceof ApiError && error.code === "invalid_flow")
    return "The flow has problems that stop it from running; see the Problems panel.";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Tests the current draft: refuses a flow with errors (saying which, in the panel), saves it, asks for a session
 * token and opens a traced session on it: over Socket.IO, or in a LiveKit room when that transport is chosen
 * (docs/protocol.md).
 */
export async function startTestSession(): Promise<void> {
  stopTestSession();
  const thisAttempt = (attempt += 1);
  const run = useRunStore.getState();
  run.reset("starting");
  const { nodes, edges, flowId } = useDocumentStore.getState();
  const validation = validateFlowGraph(canvasToGraph(nodes, edges));
  if (!validation.ok) {
    const count = validation.issues.filter((issue) => issue.severity === "error").length;
    run.failedWith(
      count === 1
        ? "This flow cannot run yet: fix the problem marked in red first."
        : `This flow cannot run yet: fix the ${count} problems marked in red first.`,
    );
    return;
  }
  const saved = await useSaveStore.getState().flush();
  if (!saved || flowId === null) {
    useRunStore.getState().failedWith(saveProblem());
    return;
  }
  if (effectiveTransport(useCallTransportStore.getState()) === "livekit") return startLiveKitTestCall(flowId, thisAttempt);
  // By voice, the microphone is asked for before the session opens: a refusal then costs no session.
  let voice: VoiceCallAudio | null = null;
  if (useCallModeStore.getState().mode === "talk") {
    try {
      voice = await VoiceCallAudio.open();
    } catch (error) {
      if (thisAttempt === attempt) useRunStore.getState().failedWith(error instanceof Error ? error.message : String(error));
      return;
    }
    if (thisAttempt !== attempt) return voice.stop();
  }
  let token: string;
  try {
    token = (await flowApi.startSession(flowId)).token;
  } catch (error) {
    voice?.stop();
    useRunStore.getState().failedWith(startProblem(error));
    return;
  }
  if (thisAttempt !== attempt) return voice?.stop();
  const auth = voice ? { token, trace: true, audio: WIRE_AUDIO_FORMAT } : { token, trace: true };
  // Never reconnected: a token opens one session, and a lost call is shown as lost, not silently replaced.
  const socket: TestSocket = io(window.location.origin, { auth, transports: ["websocket"], reconnection: false });
  call = new TestCall(socket, () => useDocumentStore.getState().edges, voice);
}

/**
 * The same test call in a new LiveKit room: the microphone first (when talking), then the API starts the call (the
 * runtime joins the room as the agent) and livekit-client joins it with the caller's token. livekit-client is loaded
 * only now, so the editor's bundle does not carry it for Socket.IO calls.
 */
async function startLiveKitTestCall(flowId: string, thisAttempt: number): Promise<void> {
  let microphone: LiveKitMicrophone | null = null;
  if (useCallModeStore.getState().mode === "talk") {
    try {
      microphone = await LiveKitMicrophone.open();
    } catch (error) {
      if (thisAttempt === attempt) useRunStore.getState().failedWith(error instanceof Error ? error.message : String(error));
      return;
    }
  }
  if (thisAttempt !== attempt) return microphone?.stop();
  let grant: Awaited<ReturnType<typeof flowApi.startLiveKitCall>>;
  try {
    const [answer] = await Promise.all([flowApi.startLiveKitCall(flowId), import("./livekit/livekit-test-call")]);
    grant = answer;
  } catch (error) {
    microphone?.stop();
    if (thisAttempt === attempt) useRunStore.getState().failedWith(startProblem(error));
    return;
  }
  // Overtaken: the room is never joined, and the runtime ends that session as `caller_absent` after 30 s.
  if (thisAttempt !== attempt) return microphone?.stop();
  const { LiveKitTestCall } = await import("./livekit/livekit-test-call");
  const joined = await LiveKitTestCall.join(
    grant,
    runStoreFeed(() => useDocumentStore.getState().edges),
    microphone,
  );
  // Leaving the room takes the runtime's hang-up path.
  if (thisAttempt !== attempt) return joined.close();
  call = joined;
}

/** Sends what the person typed; false when it was not sent (the panel keeps the text and says why). */
export function sendUtterance(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (!call) {
    useRunStore.getState().said(trimmed);
    return false;
  }
  return call.say(trimmed);
}

/** Hangs up the running call: shown as ended at once. */
export function hangUpTestSession(): void {
  call?.hangUp();
  call = null;
}

/** Ends the call without a word (closing the panel, leaving the editor): the server sees a hang-up. */
export function stopTestSession(): void {
  attempt += 1;
  const current = call;
  call = null;
  current?.hangUp();
}
