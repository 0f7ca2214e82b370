import { describe, expect, it } from "vitest";
import type { FlowIssue } from "@/lib/flow";
import { dataPath, messagesAt, nodeLevelMessages } from "./field-issues";

const issue = (pointer: string, message = pointer): FlowIssue => ({ severity: "error", code: "x", message, pointer, nodeId: "n" });

describe("inspector field issues", () => {
  it("finds the data path inside a node", () => {
    expect(dataPath(issue("/nodes/3/data/conditions/0/match/phrases"))).toBe("/conditions/0/match/phrases");
    expect(dataPath(issue("/nodes/3/data"))).toBe("");
    expect(dataPath(issue("/nodes/3"))).toBeNull();
  });

  it("gives a field the messages at or under it, not at a sibling with a common prefix", () => {
    const issues = [issue("/nodes/0/data/text", "a"), issue("/nodes/0/data/textual", "b"), issue("/nodes/0/data/text/x", "c")];
    expect(messagesAt(issues, "/text")).toEqual(["a", "c"]);
  });

  it("keeps node-level issues for the header", () => {
    const issues = [issue("/nodes/0", "unreachable"), issue("/nodes/0/data/text", "empty")];
    expect(nodeLevelMessages(issues).map((entry) => entry.message)).toEqual(["unreachable"]);
  });
});
