import { createContext, useContext } from "react";

/**
 * Whether canvas nodes draw their text (false below the canvas's detail zoom, see flow-canvas.tsx). One context
 * for the canvas rather than one store subscription per node.
 */
export const NodeDetailContext = createContext(true);

export function useNodeDetail(): boolean {
  return useContext(NodeDetailContext);
}
