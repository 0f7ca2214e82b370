"use client";

import { Cable, Radio } from "lucide-react";
import { useEffect } from "react";
import { flowApi } from "@/lib/client/flow-api";
import { LIVEKIT_DISABLED_MESSAGE } from "@/lib/config/livekit-config";
import { useCallTransportStore, effectiveTransport, type CallTransport } from "./call-transport-store";
import { useRunStore } from "./run-store";
import { startTestSession } from "./session-controller";

const choices: ReadonlyArray<{ transport: CallTransport; label: string; hint: string; Icon: typeof Radio }> = [
  { transport: "socketio", label: "Socket.IO", hint: "Call the runtime directly over a WebSocket", Icon: Cable },
  { transport: "livekit", label: "LiveKit", hint: "Call in a LiveKit room over WebRTC, as LiveKit callers do", Icon: Radio },
];

/** LiveKit's own guide to getting a server and its key pair (Cloud or self-hosted). */
const LIVEKIT_DOCS_URL = "https://docs.livekit.io/home/self-hosting/local/";

/** Asks the server once per visit whether it can start LiveKit calls; an unanswered question leaves LiveKit off. */
function useLiveKitStatus(): void {
  useEffect(() => {
    let current = true;
    flowApi
      .liveKitStatus()
      .then((status) => current && useCallTransportStore.getState().setLiveKit(status))
      .catch(
        () =>
          current &&
          useCallTransportStore.getState().setLiveKit({ configured: false, reason: "The server did not say whether LiveKit is set up" }),
      );
    return () => {
      current = false;
    };
  }, []);
}

/**
 * Socket.IO or LiveKit (remembered for the next visit). LiveKit is shown when it is off too, disabled, with what to set
 * to turn it on. During a call, switching starts the call again on the other transport.
 */
export function CallTransportSwitch() {
  useLiveKitStatus();
  const liveKit = useCallTransportStore((state) => state.liveKit);
  const chosen = useCallTransportStore((state) => effectiveTransport(state));
  const status = useRunStore((state) => state.status);
  const live = status === "running" || status === "starting";
  const off = liveKit !== null && !liveKit.configured ? liveKit.reason : null;
  return (
    <div className="space-y-1">
      <div
        role="radiogroup"
        aria-label="Call over"
        data-testid="call-transport"
        data-transport={chosen}
        data-livekit={liveKit === null ? "unknown" : liveKit.configured ? "configured" : "off"}
        className="flex w-fit rounded-md border border-zinc-300 p-0.5 dark:border-zinc-600"
      >
        {choices.map(({ transport, label, hint, Icon }) => {
          const disabled = transport === "livekit" && liveKit?.configured !== true;
          return (
            <button
              key={transport}
              type="button"
              role="radio"
              aria-checked={chosen === transport}
              aria-describedby={disabled && off ? "livekit-off" : undefined}
              disabled={disabled}
              data-testid={`call-transport-${transport}`}
              title={
                disabled ? "LiveKit is not set up on this server" : live && chosen !== transport ? `${hint}. Starts the call again.` : hint
              }
              onClick={() => {
                if (chosen === transport) return;
                useCallTransportStore.getState().setTransport(transport);
                if (live) void startTestSession();
              }}
              className={`flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs disabled:cursor-not-allowed disabled:opacity-50 ${
                chosen === transport ? "bg-sky-700 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              <Icon size={12} aria-hidden /> {label}
            </button>
          );
        })}
      </div>
      {off && (
        <p id="livekit-off" data-testid="livekit-off" className="text-zinc-600 dark:text-zinc-400">
          LiveKit is off on this server: set <code>LIVEKIT_URL</code>, <code>LIVEKIT_API_KEY</code> and <code>LIVEKIT_API_SECRET</code> and
          restart it (the README&apos;s LiveKit section;{" "}
          <a href={LIVEKIT_DOCS_URL} target="_blank" rel="noreferrer" className="text-sky-700 underline dark:text-sky-400">
            running a LiveKit server
          </a>
          ).
          {off !== LIVEKIT_DISABLED_MESSAGE && <span className="block">{off}</span>}
        </p>
      )}
    </div>
  );
}
