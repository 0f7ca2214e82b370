"use client";

import { MousePointerClick } from "lucide-react";
import { useMemo } from "react";
import { useDocumentStore } from "../document-store";
import { useUiStore, type UiState } from "../ui-store";
import { useScheduledSelector } from "../use-scheduled-selector";
import { NodeInspector } from "./node-inspector";

const selectSelectedNodeIds = (state: UiState) => state.selectedNodeIds;

/** The inspector of the selected node, or a hint when none or several are selected. */
export function InspectorPanel() {
  // Mounting an inspector is not urgent: pressing on a node to drag it selects it, and that frame draws the drag.
  const selected = useScheduledSelector(useUiStore, selectSelectedNodeIds, { transition: true });
  const onlyId = selected.length === 1 ? selected[0] : undefined;
  // Subscribes to the node's data, which a drag leaves alone, not to the node, which every drag move replaces: a
  // store-driven re-render is synchronous, and React 19 renders every pending update with it, so re-rendering the
  // inspector on a move pulled the canvas's render of that move into the frame being drawn.
  const data = useDocumentStore((state) => (onlyId === undefined ? undefined : state.nodes.find((node) => node.id === onlyId)?.data));
  const node = useMemo(
    () => (data === undefined ? undefined : useDocumentStore.getState().nodes.find((candidate) => candidate.id === onlyId)),
    [onlyId, data],
  );
  if (node) return <NodeInspector node={node} />;
  return (
    <div data-testid="inspector-empty" className="flex flex-col items-center gap-2 py-8 text-center text-xs text-zinc-500">
      <MousePointerClick size={20} />
      {selected.length > 1 ? `${selected.length} nodes selected` : "Select a node to edit it"}
    </div>
  );
}
