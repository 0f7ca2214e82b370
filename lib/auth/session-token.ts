import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/** How long a session token may be used to open a connection. */
export const SESSION_TOKEN_TTL_SECONDS = 120;
/** Clocks of the app and a runtime process may differ a little; a token issued further in the future is refused. */
const CLOCK_SKEW_SECONDS = 30;
/** Who signs session tokens and who takes them: a JWT for anything else (a LiveKit token, say) is refused here. */
const ISSUER = "switchboard";
const AUDIENCE = "switchboard-runtime";
const MAX_TOKEN_LENGTH = 4096;

/**
 * A session token is a JWT (RFC 7519, HS256, signed and checked by `jose`), so that LiveKit and hosted endpoints can
 * carry and check the same credential. Registered claims: `jti` is the id of the one session it opens (the runtime
 * records the session under it before accepting the connection, so a second use, a replay or a client reconnecting
 * after a lost runtime, is refused), `sub` the user it runs for, `iat` and `exp`. Switchboard's own: `wsid` the
 * flow's workspace, `flow` the flow, `ver` a published version (absent means the draft).
 */
const payloadSchema = z.object({
  jti: z.uuid(),
  sub: z.string().min(1),
  wsid: z.string().min(1),
  flow: z.string().min(1),
  ver: z.string().min(1).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** What a session token grants: one flow (draft or version) of one workspace, for one user, until it expires. */
export interface SessionTokenClaims {
  /** The session's id. */
  sid: string;
  /** The user the session runs for. */
  sub: string;
  workspaceId: string;
  flowId: string;
  /** A published version; absent means the draft. */
  versionId?: string;
  /** Issue time and expiry, seconds since the epoch. */
  iat: number;
  exp: number;
}

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
export async function issueSessionToken(
  claims: { sub: string; workspaceId: string; flowId: string; versionId?: string },
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  ttlSeconds = SESSION_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const sessionId = randomUUID();
  const exp = nowSeconds + Math.min(ttlSeconds, SESSION_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({ wsid: claims.workspaceId, flow: claims.flowId, ...(claims.versionId ? { ver: claims.versionId } : {}) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setJti(sessionId)
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, expiresAt: new Date(exp * 1000), sessionId };
}

/** Checks a token's signature, issuer, audience and expiry; throws SessionTokenError with a clear message otherwise. */
export async function verifySessionToken(
  token: unknown,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SessionTokenClaims> {
  if (token === undefined || token === null || token === "") {
    throw new SessionTokenError("token_missing", "A session token is required: ask POST /api/flows/{id}/sessions for one");
  }
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH)
    throw new SessionTokenError("token_malformed", "The session token is not a token");
  let verified: unknown;
  try {
    // Only HS256: a token naming another algorithm (`none`, or a public-key one to confuse the key) is refused.
    ({ payload: verified } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(nowSeconds * 1000),
      requiredClaims: ["jti", "sub", "iat", "exp"],
    }));
  } catch (error) {
    throw tokenError(error);
  }
  const parsed = payloadSchema.safeParse(verified);
  if (!parsed.success) throw new SessionTokenError("token_malformed", "The session token's contents are not valid");
  const { jti, sub, wsid, flow, ver, iat, exp } = parsed.data;
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS || exp - iat > SESSION_TOKEN_TTL_SECONDS) {
    throw new SessionTokenError(
      "token_lifetime",
      `Session tokens live at most ${SESSION_TOKEN_TTL_SECONDS} s from their issue; this one claims longer`,
    );
  }
  return { sid: jti, sub, workspaceId: wsid, flowId: flow, ...(ver === undefined ? {} : { versionId: ver }), iat, exp };
}

function tokenError(error: unknown): SessionTokenError {
  if (error instanceof errors.JWTExpired) return new SessionTokenError("token_expired", "The session token has expired: ask for a new one");
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new SessionTokenError("token_bad_signature", "The session token's signature is not valid");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new SessionTokenError("token_malformed", `The session token is not one for this server (its "${error.claim}" claim)`);
  }
  return new SessionTokenError("token_malformed", "The session token is not a Switchboard session token");
}

/** The HMAC key of a secret, made once: every handshake verifies a token. */
let key: { secret: string; bytes: Uint8Array } | undefined;
function keyOf(secret: string): Uint8Array {
  if (key?.secret !== secret) key = { secret, bytes: new TextEncoder().encode(secret) };
  return key.bytes;
}
