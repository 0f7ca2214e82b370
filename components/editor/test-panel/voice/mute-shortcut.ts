/** The mute shortcut of a voice test call, as shown beside the button and in the README's list of keys. */
export const MUTE_SHORTCUT_LABEL = "Alt+M";

/** Whether a key event is the mute shortcut (by the key's place: Alt+M types "µ" on a Mac keyboard). */
export function isMuteShortcut(event: Pick<KeyboardEvent, "code" | "altKey" | "ctrlKey" | "metaKey" | "shiftKey">): boolean {
  return event.code === "KeyM" && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
}
