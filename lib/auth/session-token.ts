import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How long a session token may be used to open a connection. */
export const SESSION_TOKEN_TTL_SECONDS = 120;
/** Clocks of the app and a runtime process may differ a little; a token issued further in the future is refused. */
const CLOCK_SKEW_SECONDS = 30;
const PREFIX = "sbt1";

const claimsSchema = z.strictObject({
  /**
   * The id of the one session this token opens. The runtime records the session under it before accepting the
   * connection, so a second use of the token (a replay, or a client reconnecting after a lost runtime) is refused.
   */
  sid: z.uuid(),
  /** The user the session runs for. */
  sub: z.string().min(1),
  flowId: z.string().min(1),
  /** A published version; absent means the draft. */
  versionId: z.string().min(1).optional(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
  /** Issue time, seconds since the epoch. */
  iat: z.number().int(),
});

/** What a session token grants: one flow (draft or version), for one user, until it expires. */
export type SessionTokenClaims = z.infer<typeof claimsSchema>;

export type SessionTokenErrorCode = "token_missing" | "token_malformed" | "token_bad_signature" | "token_expired" | "token_lifetime";

export class SessionTokenError extends Error {
  constructor(
    readonly code: SessionTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SessionTokenError";
  }
}

/**
 * Signs a short-lived token that opens one session on a flow, with a fresh session id. Its lifetime cannot exceed
 * SESSION_TOKEN_TTL_SECONDS: verification refuses a longer one, whoever signed it.
 */
export function issueSessionToken(
  claims: { sub: string; flowId: string; versionId?: string },
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  ttlSeconds = SESSION_TOKEN_TTL_SECONDS,
): { token: string; expiresAt: Date; sessionId: string } {
  const full: SessionTokenClaims = {
    sid: randomUUID(),
    ...claims,
    iat: nowSeconds,
    exp: nowSeconds + Math.min(ttlSeconds, SESSION_TOKEN_TTL_SECONDS),
  };
  const payload = Buffer.from(JSON.stringify(full)).toString("base64url");
  return { token: `${PREFIX}.${payload}.${sign(payload, secret)}`, expiresAt: new Date(full.exp * 1000), sessionId: full.sid };
}

/** Checks a token's signature and expiry; throws SessionTokenError with a clear message otherwise. */
export function verifySessionToken(token: unknown, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SessionTokenClaims {
  if (token === undefined || token === null || token === "") {
    throw new SessionTokenError("token_missing", "A session token is required: ask POST /api/flows/{id}/sessions for one");
  }
  if (typeof token !== "string" || token.length > 4096) throw new SessionTokenError("token_malformed", "The session token is not a token");
  const [prefix, payload, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) {
    throw new SessionTokenError("token_malformed", "The session token is not a Switchboard session token");
  }
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new SessionTokenError("token_bad_signature", "The session token's signature is not valid");
  }
  let claims: SessionTokenClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    throw new SessionTokenError("token_malformed", "The session token's contents are not valid");
  }
  if (claims.exp <= nowSeconds) throw new SessionTokenError("token_expired", "The session token has expired: ask for a new one");
  if (claims.iat > nowSeconds + CLOCK_SKEW_SECONDS || claims.exp - claims.iat > SESSION_TOKEN_TTL_SECONDS) {
    throw new SessionTokenError(
      "token_lifetime",
      `Session tokens live at most ${SESSION_TOKEN_TTL_SECONDS} s from their issue; this one claims longer`,
    );
  }
  return claims;
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`${PREFIX}.${payload}`).digest("base64url");
}
