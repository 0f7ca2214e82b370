/** A problem found in a flow, addressed so the canvas can outline it and the API can return it. */
export interface FlowIssue {
  severity: "error" | "warning";
  /** Stable machine-readable code, e.g. `edge.dangling`. */
  code: string;
  message: string;
  /** JSON pointer into the submitted document, e.g. `/nodes/3/data/text`. */
  pointer: string;
  nodeId?: string;
  edgeId?: string;
}

export function flowError(code: string, message: string, where: Omit<FlowIssue, "severity" | "code" | "message">): FlowIssue {
  return { severity: "error", code, message, ...where };
}

export function flowWarning(code: string, message: string, where: Omit<FlowIssue, "severity" | "code" | "message">): FlowIssue {
  return { severity: "warning", code, message, ...where };
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment) => "/" + pointerSegment(typeof segment === "symbol" ? String(segment.description) : segment)).join("");
}
