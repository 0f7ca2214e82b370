/** The page that opens an invitation: its link, relative to the server's address. */
export function invitationPath(token: string): string {
  return `/invite/${encodeURIComponent(token)}`;
}
