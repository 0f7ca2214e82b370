"use client";

import type { CollabPeer } from "@/lib/collab/collab-protocol";
import { usePresenceStore } from "./presence-store";

/** The most faces shown; the rest are a count. */
const SHOWN = 4;

/** A person's initials, for their face in the toolbar. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words.at(-1)?.[0]] : [words[0]?.[0], words[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

/** One face per person (the same person in two tabs is one face), with their role when they may only look. */
function people(peers: readonly CollabPeer[]): CollabPeer[] {
  const byUser = new Map<string, CollabPeer>();
  for (const peer of peers) if (!byUser.has(peer.userId)) byUser.set(peer.userId, peer);
  return [...byUser.values()];
}

/** Who else has the flow open: a face each, in their colour, with their name on hover and for screen readers. */
export function PresenceAvatars() {
  const peers = usePresenceStore((state) => state.peers);
  const status = usePresenceStore((state) => state.status);
  const here = people(peers);
  if (status === "reconnecting") {
    return (
      <span data-testid="collab-reconnecting" className="shrink-0 text-xs text-amber-700 dark:text-amber-400">
        Reconnecting…
      </span>
    );
  }
  if (here.length === 0) return null;
  const names = here.map((peer) => (peer.role === "viewer" ? `${peer.name} (viewing)` : peer.name));
  return (
    <div data-testid="presence" className="flex shrink-0 items-center" aria-label={`Also here: ${names.join(", ")}`} role="group">
      {here.slice(0, SHOWN).map((peer, index) => (
        <span
          key={peer.userId}
          data-testid="presence-avatar"
          title={names[index]}
          className="-ml-1.5 flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[11px] font-semibold text-white first:ml-0 dark:border-zinc-900"
          style={{ backgroundColor: peer.color }}
        >
          {initialsOf(peer.name)}
        </span>
      ))}
      {here.length > SHOWN && (
        <span
          title={names.slice(SHOWN).join(", ")}
          className="-ml-1.5 flex h-7 min-w-7 items-center justify-center rounded-full border-2 border-white bg-zinc-500 px-1 text-[11px] font-semibold text-white dark:border-zinc-900"
        >
          +{here.length - SHOWN}
        </span>
      )}
    </div>
  );
}
