import type { ShareLinkSummary } from "@/lib/flows/share-links";
import { request } from "./api-request";
import type { FlowRecord, ValidationResult } from "./api-types";

/** A live share link of a flow (docs/api.md `ShareLink`), as JSON carries it: the lib/ shape with its date as a string. */
export type ShareLink = Omit<ShareLinkSummary, "createdAt"> & { createdAt: string };

/** What a share link opens (docs/api.md `SharedFlow`): the flow without its workspace. */
export type SharedFlow = Omit<FlowRecord, "workspaceId">;

const links = (flowId: string, rest = "") => `/api/flows/${encodeURIComponent(flowId)}/share-links${rest}`;

/** Typed client of the share link API, for the browser. */
export const shareLinkApi = {
  list: (flowId: string) => request<{ links: ShareLink[] }>(links(flowId)).then((body) => body.links),
  /** A new link; its `path` (`/shared/{secret}`) is in this answer only. */
  create: (flowId: string) => request<{ link: ShareLink; path: string }>(links(flowId), { method: "POST" }),
  revoke: (flowId: string, linkId: string) => request<void>(links(flowId, `/${encodeURIComponent(linkId)}`), { method: "DELETE" }),
  /** The flow a link's secret opens, read-only. */
  open: (token: string) =>
    request<{ flow: SharedFlow; validation: ValidationResult; role: "viewer" }>(`/api/shared/${encodeURIComponent(token)}`),
};
