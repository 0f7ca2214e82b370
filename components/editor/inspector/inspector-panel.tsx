"use client";

import { MousePointerClick } from "lucide-react";
import { useDocumentStore } from "../document-store";
import { useUiStore } from "../ui-store";
import { NodeInspector } from "./node-inspector";

/** The inspector of the selected node, or a hint when none or several are selected. */
export function InspectorPanel() {
  const selected = useUiStore((state) => state.selectedNodeIds);
  const onlyId = selected.length === 1 ? selected[0] : undefined;
  const node = useDocumentStore((state) => (onlyId === undefined ? undefined : state.nodes.find((candidate) => candidate.id === onlyId)));
  if (node) return <NodeInspector node={node} />;
  return (
    <div data-testid="inspector-empty" className="flex flex-col items-center gap-2 py-8 text-center text-xs text-zinc-500">
      <MousePointerClick size={20} />
      {selected.length > 1 ? `${selected.length} nodes selected` : "Select a node to edit it"}
    </div>
  );
}
