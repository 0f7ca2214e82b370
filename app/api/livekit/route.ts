import { apiRoute } from "@/lib/http/api-route";
import { liveKitStatus } from "@/lib/config/livekit-status";

/** Whether this server can start test calls over LiveKit, and how to enable it when not (docs/api.md). */
export const GET = apiRoute(async () => Response.json(liveKitStatus()));
