import { ApiError } from "../http/api-error";
import type { LiveKitCallOutcome } from "./session-control";

/** The API's answer to a LiveKit call's start: 201 with the caller's grant, or why not (docs/api.md). */
export function liveKitCallResponse(outcome: LiveKitCallOutcome | undefined): Response {
  if (!outcome) throw new ApiError(503, "runtime_unreachable", "No session runtime runs in this process");
  switch (outcome.kind) {
    case "started":
      return Response.json(outcome.call, { status: 201 });
    case "unavailable":
      throw new ApiError(503, "livekit_unavailable", outcome.message);
    case "refused":
      // The token was minted a moment ago for this user: a refusal is the runtime's (busy, the flow changed).
      throw new ApiError(outcome.code === "server_busy" ? 503 : 409, outcome.code, outcome.message);
  }
}
