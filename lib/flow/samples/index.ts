import { FLOW_SCHEMA_VERSION, flowGraphSchema, type FlowGraph } from "../schema";
import appointmentBookingJson from "./appointment-booking.json";

/** A starter flow people can create from; the seed uses the first one. */
export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  graph: () => FlowGraph;
}

export const flowTemplates: FlowTemplate[] = [
  {
    id: "appointment-booking",
    name: "Appointment booking",
    description: "Greets the caller, books an appointment under their name, handles no and silence.",
    graph: () => flowGraphSchema.parse(structuredClone(appointmentBookingJson)),
  },
];

/** How a blank flow starts: its Start node, ready for the first step (validation gives the hint, not an error list). */
export function blankFlowGraph(): FlowGraph {
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: [{ id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} }], edges: [] };
}
