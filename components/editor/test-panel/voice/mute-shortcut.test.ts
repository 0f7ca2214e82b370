import { describe, expect, it } from "vitest";
import { isMuteShortcut } from "./mute-shortcut";

const key = (code: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe("the mute shortcut", () => {
  it("is Alt+M by the key's place (so a Mac's Option+M, which types µ, counts too), and nothing else", () => {
    expect(isMuteShortcut(key("KeyM", { altKey: true }))).toBe(true);
    expect(isMuteShortcut(key("KeyM"))).toBe(false); // M alone belongs to the canvas (and to the chat box)
    expect(isMuteShortcut(key("KeyM", { altKey: true, ctrlKey: true }))).toBe(false);
    expect(isMuteShortcut(key("KeyM", { altKey: true, shiftKey: true }))).toBe(false);
    expect(isMuteShortcut(key("KeyN", { altKey: true }))).toBe(false);
  });
});
