"use client";

import { useEffect } from "react";
import { useDocumentStore } from "./document-store";
import { useSaveStore } from "./save-store";

/** Quiet time after the last edit before saving. */
export const AUTOSAVE_DELAY_MS = 800;
/** How long to wait before trying again while offline. */
const OFFLINE_RETRY_MS = 3000;

/** Saves the draft ~800 ms after the last edit, retries while offline, warns before leaving unsaved work. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void useSaveStore.getState().flush(), delay);
    };
    const unsubscribeDocument = useDocumentStore.subscribe((state, previous) => {
      if (state.version === previous.version) return;
      useSaveStore.getState().markDirty();
      schedule(AUTOSAVE_DELAY_MS);
    });
    const unsubscribeSave = useSaveStore.subscribe((state, previous) => {
      if (state.status === previous.status) return;
      if (state.status === "offline") schedule(OFFLINE_RETRY_MS);
      // Edits made while a save was in flight are saved next.
      if (state.status === "dirty" && previous.status === "saving") schedule(AUTOSAVE_DELAY_MS);
    });
    const online = () => schedule(0);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      const { status } = useSaveStore.getState();
      if (status !== "saved") event.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      clearTimeout(timer);
      unsubscribeDocument();
      unsubscribeSave();
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, []);
}
