"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { nodeKinds } from "@/lib/flow";
import type { BranchCanvasNode, EndCanvasNode, ListenCanvasNode, SayCanvasNode, SetCanvasNode, StartCanvasNode } from "../canvas-types";
import { NodeShell } from "./node-shell";

const muted = "text-zinc-500 dark:text-zinc-400";

export const StartNodeView = memo(function StartNodeView({ id, data, selected }: NodeProps<StartCanvasNode>) {
  return (
    <NodeShell id={id} kind="start" label={data.label} selected={selected} ports={nodeKinds.start.outputs(data)}>
      <span className={muted}>Every call begins here</span>
    </NodeShell>
  );
});

export const ListenNodeView = memo(function ListenNodeView({ id, data, selected }: NodeProps<ListenCanvasNode>) {
  return (
    <NodeShell id={id} kind="listen" label={data.label} selected={selected} ports={nodeKinds.listen.outputs(data)}>
      <span className={muted}>
        Waits {data.timeoutSeconds}s{data.variable ? ` → ${data.variable}` : ""}
      </span>
    </NodeShell>
  );
});

export const BranchNodeView = memo(function BranchNodeView({ id, data, selected }: NodeProps<BranchCanvasNode>) {
  return (
    <NodeShell id={id} kind="branch" label={data.label} selected={selected} ports={nodeKinds.branch.outputs(data)}>
      <span className={muted}>
        {data.conditions.length} condition{data.conditions.length === 1 ? "" : "s"}, first match wins
      </span>
    </NodeShell>
  );
});

export const SayNodeView = memo(function SayNodeView({ id, data, selected }: NodeProps<SayCanvasNode>) {
  return (
    <NodeShell id={id} kind="say" label={data.label} selected={selected} ports={nodeKinds.say.outputs(data)}>
      <p className="line-clamp-3 whitespace-pre-wrap">{data.text || <span className={muted}>Nothing to say yet</span>}</p>
    </NodeShell>
  );
});

export const SetNodeView = memo(function SetNodeView({ id, data, selected }: NodeProps<SetCanvasNode>) {
  return (
    <NodeShell id={id} kind="set" label={data.label} selected={selected} ports={nodeKinds.set.outputs(data)}>
      {data.assignments.length === 0 ? (
        <span className={muted}>Assigns nothing</span>
      ) : (
        <ul className="space-y-0.5 font-mono text-[11px]">
          {data.assignments.slice(0, 4).map((assignment, index) => (
            <li key={index} className="truncate">
              {assignment.variable} = {assignment.source.type === "utterance" ? "utterance" : assignment.source.expression}
            </li>
          ))}
        </ul>
      )}
    </NodeShell>
  );
});

export const EndNodeView = memo(function EndNodeView({ id, data, selected }: NodeProps<EndCanvasNode>) {
  return (
    <NodeShell id={id} kind="end" label={data.label} selected={selected} ports={nodeKinds.end.outputs(data)}>
      {data.goodbye && <p className="line-clamp-2">{data.goodbye}</p>}
      <span className={muted}>reason: {data.reason}</span>
    </NodeShell>
  );
});
