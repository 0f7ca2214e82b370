"use client";

import { MousePointerClick } from "lucide-react";
import { startTransition, useEffect, useMemo, useState } from "react";
import { useDocumentStore } from "../document-store";
import { FlowVoicePanel } from "../flow-voice-panel";
import { useUiStore, type UiState } from "../ui-store";
import { useScheduledSelector } from "../use-scheduled-selector";
import { NodeInspector } from "./node-inspector";

const selectSelectedNodeIds = (state: UiState) => state.selectedNodeIds;

/**
 * Whether a pointer button is down, so a drag may be under way. Pressing on a node to drag it selects it; the
 * inspector of that node mounts when the button is released rather than in the frames that draw the drag's start.
 */
function usePointerHeld(): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    const down = () => setHeld(true);
    const up = () => startTransition(() => setHeld(false));
    const events = { pointerdown: down, pointerup: up, pointercancel: up, blur: up } as const;
    for (const [name, listener] of Object.entries(events)) window.addEventListener(name, listener, true);
    return () => {
      for (const [name, listener] of Object.entries(events)) window.removeEventListener(name, listener, true);
    };
  }, []);
  return held;
}

/** The inspector of the selected node, or a hint when none or several are selected. */
export function InspectorPanel() {
  // Mounting an inspector is not urgent: it is a transition, and waits while a pointer is down (a drag).
  const selected = useScheduledSelector(useUiStore, selectSelectedNodeIds, { transition: true });
  const held = usePointerHeld();
  const [shown, setShown] = useState(selected);
  if (!held && shown !== selected) setShown(selected);
  const onlyId = shown.length === 1 ? shown[0] : undefined;
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
    <div className="space-y-6">
      <div data-testid="inspector-empty" className="flex flex-col items-center gap-2 py-8 text-center text-xs text-zinc-500">
        <MousePointerClick size={20} />
        {shown.length > 1 ? `${shown.length} nodes selected` : "Select a node to edit it"}
      </div>
      {/* The flow's own settings, where nothing is selected: the inspector of the flow as a whole. */}
      {shown.length === 0 && <FlowVoicePanel />}
    </div>
  );
}
