/**
 * What the API tells live co-editing (lib/collab/collab-server.ts): a flow was saved, moved or deleted over HTTP, or a
 * member's access changed. Route handlers run on the editor thread while the co-editing rooms live in the main thread
 * with Socket.IO, so the notice goes by message (lib/server/editor-worker.ts); a well-known symbol on globalThis is the
 * one place a route finds it, as with session-control.ts. Absent (route tests, the standalone runtime), nothing is told.
 */
export interface CollabNotice {
  /** The flow's stored draft changed (or it was deleted or moved) other than through co-editing. */
  flowChanged(flowId: string): void;
  /** Someone's role in a workspace changed, or they left it: their open editors there are checked again at once. */
  accessChanged(workspaceId: string, userId: string): void;
}

const NOTICE_KEY = Symbol.for("switchboard.collabNotice");
type NoticeHolder = { [NOTICE_KEY]?: CollabNotice };

export function installCollabNotice(notice: CollabNotice): void {
  (globalThis as NoticeHolder)[NOTICE_KEY] = notice;
}

export function uninstallCollabNotice(notice: CollabNotice): void {
  const holder = globalThis as NoticeHolder;
  if (holder[NOTICE_KEY] === notice) delete holder[NOTICE_KEY];
}

/** Tells co-editing, if it runs here. */
export function collabNotice(): CollabNotice | undefined {
  return (globalThis as NoticeHolder)[NOTICE_KEY];
}
