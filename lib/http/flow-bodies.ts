import { z } from "zod";
import { flowNameSchema, storableText } from "../flow/text";

/** `POST /api/flows`: `{ name, templateId? }` or `{ name, graph }`. The graph is checked by the repository. */
export const createFlowBody = z
  .strictObject({
    name: flowNameSchema,
    templateId: storableText(z.string().min(1).max(100)).optional(),
    graph: z.unknown().optional(),
    /** Where the flow goes; the caller's personal workspace when absent. */
    workspaceId: storableText(z.string().min(1).max(100)).optional(),
  })
  .refine((body) => body.templateId === undefined || body.graph === undefined, "Give a templateId or a graph, not both");

/** `PUT /api/flows/{id}`. */
export const updateFlowBody = z.strictObject({
  revision: z.number().int().min(1),
  name: flowNameSchema.optional(),
  graph: z.unknown().optional(),
});

/** `POST /api/flows/{id}/duplicate`; the body may be empty (a copy beside the original). */
export const duplicateFlowBody = z
  .strictObject({ name: flowNameSchema.optional(), workspaceId: storableText(z.string().min(1).max(100)).optional() })
  .optional();

/** `POST /api/flows/validate`. */
export const validateFlowBody = z.strictObject({ graph: z.unknown() });

/** `POST /api/flows/{id}/versions`. */
export const publishFlowBody = z.strictObject({ revision: z.number().int().min(1) });

/** `POST /api/flows/{id}/sessions`; the body may be empty (the draft). */
export const startSessionBody = z.strictObject({ versionId: storableText(z.string().min(1).max(100)).optional() }).optional();

/** `POST /api/flows/{id}/livekit-calls`; the body may be empty (the draft, no trace). */
export const startLiveKitCallBody = z
  .strictObject({ versionId: storableText(z.string().min(1).max(100)).optional(), trace: z.boolean().optional() })
  .optional();

/** `POST /api/sessions/{id}/end`; the body may be empty. */
export const endSessionBody = z.strictObject({ goodbye: storableText(z.string().trim().max(2000)).optional() }).optional();
