"use client";

import { useEffect, useState } from "react";
import { flowApi } from "@/lib/client/flow-api";
import type { VoiceProviderCatalog } from "@/lib/voice/voice-catalog";

/** One request per page: the providers change only when the server restarts with other keys. */
let pending: Promise<VoiceProviderCatalog> | null = null;
let loaded: VoiceProviderCatalog | null = null;

/** The server's speech providers, voices and languages (GET /api/voice/providers); null while they load or failed. */
export function useVoiceCatalog(): { catalog: VoiceProviderCatalog | null; error: string | null } {
  const [state, setState] = useState<{ catalog: VoiceProviderCatalog | null; error: string | null }>({ catalog: loaded, error: null });
  useEffect(() => {
    if (state.catalog) return;
    let live = true;
    pending ??= flowApi.voiceProviders();
    pending.then(
      (catalog) => {
        loaded = catalog;
        if (live) setState({ catalog, error: null });
      },
      (error: unknown) => {
        pending = null; // asked again by the next control that mounts
        if (live) setState({ catalog: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [state.catalog]);
  return state;
}
