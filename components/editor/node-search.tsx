"use client";

import { Search } from "lucide-react";
import { useId, useState, type Ref } from "react";
import { nodeDisplayName, type FlowNode } from "@/lib/flow";
import { useDocumentStore } from "./document-store";
import { toFlowNode } from "./graph-convert";

const MAX_RESULTS = 8;

/** Everything a person might search a node by: its name and every text it holds. */
export function nodeSearchText(node: FlowNode): string {
  const parts: string[] = [nodeDisplayName(node), node.data.label ?? ""];
  switch (node.kind) {
    case "say":
      parts.push(node.data.text);
      break;
    case "end":
      parts.push(node.data.goodbye ?? "", node.data.reason);
      break;
    case "listen":
      parts.push(node.data.variable ?? "");
      break;
    case "set":
      for (const assignment of node.data.assignments)
        parts.push(assignment.variable, assignment.source.type === "expression" ? assignment.source.expression : "");
      break;
    case "branch":
      for (const condition of node.data.conditions) {
        parts.push(condition.label ?? "");
        const { match } = condition;
        parts.push(match.type === "phrases" ? match.phrases.join(" ") : match.type === "regex" ? match.pattern : match.expression);
      }
      break;
    case "start":
      break;
  }
  return parts.join(" ").toLowerCase();
}

/** Nodes whose text contains every word of the query, in the flow's order. */
export function searchNodes(nodes: readonly FlowNode[], query: string): FlowNode[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return nodes.filter((node) => {
    const text = nodeSearchText(node);
    return words.every((word) => text.includes(word));
  });
}

/**
 * The toolbar's find box: type to find nodes by their text; Enter, or a click on a result, selects and reveals one.
 * It reads the document when the query changes, rather than subscribing to it (every drag move replaces the nodes).
 */
export function NodeSearch({ onReveal, inputRef }: { onReveal: (nodeId: string) => void; inputRef: Ref<HTMLInputElement> }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<FlowNode[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const find = (text: string) => {
    setQuery(text);
    setActive(0);
    setResults(searchNodes(useDocumentStore.getState().nodes.map(toFlowNode), text));
  };
  const choose = (node: FlowNode | undefined) => {
    if (!node) return;
    onReveal(node.id);
  };
  const shown = results.slice(0, MAX_RESULTS);
  const open = query.trim() !== "";
  return (
    <div className="relative">
      <Search size={13} className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-zinc-500" aria-hidden />
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="Find nodes"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        data-testid="node-search"
        placeholder="Find nodes (Ctrl+F)"
        className="w-32 rounded-md border border-zinc-300 bg-white py-1 pl-7 pr-2 text-xs lg:w-48 dark:border-zinc-700 dark:bg-zinc-900"
        value={query}
        onChange={(event) => find(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setActive((at) => Math.min(at + 1, shown.length - 1));
          else if (event.key === "ArrowUp") setActive((at) => Math.max(at - 1, 0));
          else if (event.key === "Enter") choose(shown[active]);
          else if (event.key === "Escape") find("");
          else return;
          event.preventDefault();
        }}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Nodes found"
          data-testid="node-search-results"
          className="absolute right-0 top-full z-30 mt-1 w-72 rounded-md border border-zinc-200 bg-white p-1 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {shown.length === 0 && <li className="px-2 py-1 text-zinc-600 dark:text-zinc-400">No node matches “{query}”</li>}
          {shown.map((node, index) => (
            <li
              key={node.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-testid="node-search-result"
              data-node-id={node.id}
              className={`cursor-pointer truncate rounded px-2 py-1 ${index === active ? "bg-sky-100 dark:bg-sky-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => choose(node)}
            >
              {nodeDisplayName(node)}
            </li>
          ))}
          {results.length > MAX_RESULTS && (
            <li className="px-2 py-1 text-zinc-600 dark:text-zinc-400">and {results.length - MAX_RESULTS} more</li>
          )}
        </ul>
      )}
    </div>
  );
}
