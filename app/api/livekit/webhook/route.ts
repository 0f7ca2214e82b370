import { liveKitConfigFromEnvironment } from "@/lib/config/livekit-config";
import { database } from "@/lib/db/database";
import { answerLiveKitWebhook } from "@/lib/server/livekit-webhook";

/** LiveKit's webhooks (room_finished, participant_left): close the Session rows a stopped runtime left open (docs/api.md). */
export function POST(request: Request): Promise<Response> {
  return answerLiveKitWebhook(request, liveKitConfigFromEnvironment(), database);
}
