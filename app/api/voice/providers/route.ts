import { apiRoute } from "@/lib/http/api-route";
import { serverVoiceCatalog } from "@/lib/voice/server-voice-catalog";

/** The speech providers this server can use, their languages and voices (docs/api.md), for the editor's voice pickers. */
export const GET = apiRoute(async () => Response.json(serverVoiceCatalog()));
