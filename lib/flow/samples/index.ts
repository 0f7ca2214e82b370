import type { FlowGraph } from "../schema";
import { flowGraphSchema } from "../schema";
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
