import type { FlowChange } from "@/lib/client/api-types";

/** One line of a flow's history in words: "Ada renamed it from “Told” to “Retold”". */
export function historyWords(change: FlowChange): string {
  const who = change.actor?.name ?? "Someone no longer here";
  const detail = (change.detail ?? {}) as Record<string, unknown>;
  const quoted = (value: unknown) => `“${String(value)}”`;
  switch (change.kind) {
    case "created":
      if (detail.imported) return `${who} imported it from a file`;
      if (detail.copiedFrom) return `${who} made it as a copy of another flow`;
      if (detail.templateId) return `${who} created it from a template`;
      return `${who} created it`;
    case "edited":
      return change.count > 1 ? `${who} edited it (${change.count} saves)` : `${who} edited it`;
    case "renamed":
      return `${who} renamed it from ${quoted(detail.from)} to ${quoted(detail.to)}`;
    case "published":
      return `${who} published version ${String(detail.version)}`;
    case "moved":
      return `${who} moved it from ${String(detail.from ?? "another workspace")} to ${String(detail.to ?? "another workspace")}`;
    case "deleted":
      return `${who} deleted it`;
  }
}
