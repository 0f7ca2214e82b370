/** The page that opens a flow's share link: its address, relative to the server's. */
export function sharedFlowPath(token: string): string {
  return `/shared/${encodeURIComponent(token)}`;
}
