import type { z } from "zod";

/** One output port of a node; edges leave a node from a port. */
export interface PortDescription {
  id: string;
  label: string;
  /** May be left unconnected: the node's kind says what happens then (a Listen's timeout ends the call). */
  optional?: true;
}

/** How the inspector renders one field of a node's data. */
export type InspectorField =
  | { field: string; label: string; control: "text" | "textarea" | "template"; help?: string }
  /** `placeholder` is shown while an optional number is unset: the value that then applies, in words. */
  | { field: string; label: string; control: "number"; help?: string; placeholder?: string }
  /** A list of phrases, typed with commas or new lines between them. */
  | { field: string; label: string; control: "phrases"; help?: string; placeholder?: string }
  /** On or off; unset is off. */
  | { field: string; label: string; control: "toggle"; help?: string }
  /** A voice id, picked from the voices the server's speech providers declare (GET /api/voice/providers). */
  | { field: string; label: string; control: "voice"; help?: string }
  /** A language tag, picked from the languages the server's speech recognisers declare. */
  | { field: string; label: string; control: "language"; help?: string }
  | { field: "conditions"; label: string; control: "conditions"; help?: string }
  | { field: "assignments"; label: string; control: "assignments"; help?: string };

/**
 * A node kind described as data: what the palette, the canvas, the inspector and the validator need.
 * Executors live in lib/runtime/nodes, so the client bundle never pulls in server code.
 */
export interface NodeKindDescription<Kind extends string, Data> {
  kind: Kind;
  label: string;
  description: string;
  /** Tailwind-free accent colour used by the canvas and the palette; white text on it has at least 4.5:1 contrast. */
  color: string;
  /** Keyboard key that adds this node from the editor. */
  shortcut: string;
  dataSchema: z.ZodType<Data>;
  defaults: () => Data;
  /** Whether edges may end at this node (every kind but start). */
  hasInput: boolean;
  outputs: (data: Data) => PortDescription[];
  inspector: InspectorField[];
}

/** Identity helper that keeps each description's Kind and Data types precise. */
export function defineNodeKind<Kind extends string, Data>(description: NodeKindDescription<Kind, Data>): NodeKindDescription<Kind, Data> {
  return description;
}
