import { createHash, randomBytes } from "node:crypto";

/*
 * The secret in a link that grants something to whoever holds it (an invitation, a flow's share link). The link carries
 * 32 random bytes; the database keeps only their sha256, so a copy of the database opens nothing.
 */

/** A new link secret and the hash to store for it. The token exists only in the answer that shows the link once. */
export function newLinkSecret(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: linkSecretHash(token) };
}

/** What is stored for a link's secret, and what a presented one is looked up by. */
export function linkSecretHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
