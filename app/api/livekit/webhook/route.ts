import { liveKitConfigFromEnvironment, LIVEKIT_DISABLED_MESSAGE } from "@/lib/config/livekit-config";
import { database } from "@/lib/db/database";
import { ApiError, responseForError } from "@/lib/http/api-error";
import { handleLiveKitWebhook, verifyLiveKitWebhook } from "@/lib/server/livekit-webhook";

/** LiveKit's webhooks (room_finished, participant_left): close the Session rows a stopped runtime left open (docs/api.md). */
export async function POST(request: Request): Promise<Response> {
  try {
    const config = liveKitConfigFromEnvironment();
    if (!config) throw new ApiError(503, "livekit_off", LIVEKIT_DISABLED_MESSAGE);
    const event = await verifyLiveKitWebhook(config, await request.text(), request.headers.get("authorization"));
    return Response.json(await handleLiveKitWebhook(event, { db: await database(), config }));
  } catch (error) {
    return responseForError(error);
  }
}
