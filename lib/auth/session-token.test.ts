import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { issueSessionToken, verifySessionToken, type SessionTokenErrorCode } from "./session-token";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const claims = { sub: "user-1", workspaceId: "workspace-1", flowId: "flow-1" };
const now = () => Math.floor(Date.now() / 1000);

async function refusal(token: unknown): Promise<SessionTokenErrorCode | "accepted"> {
  try {
    await verifySessionToken(token, SECRET);
    return "accepted";
  } catch (error) {
    return (error as { code: SessionTokenErrorCode }).code;
  }
}

/** A JWT as another signer could make one, with the same secret. */
const signed = (payload: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
  edit(
    new SignJWT({ wsid: "workspace-1", flow: "flow-1", ...payload })
      .setProtectedHeader({ alg: "HS256" })
      .setJti(crypto.randomUUID())
      .setSubject("user-1")
      .setIssuer("switchboard")
      .setAudience("switchboard-runtime")
      .setIssuedAt(now())
      .setExpirationTime(now() + 60),
  ).sign(new TextEncoder().encode(SECRET));

describe("session tokens (JWT, HS256)", () => {
  it("carry the session id, the user, the workspace, the flow and the version", async () => {
    const draft = await issueSessionToken(claims, SECRET);
    expect(draft.token.split(".")).toHaveLength(3);
    expect(await verifySessionToken(draft.token, SECRET)).toMatchObject({ sid: draft.sessionId, ...claims });
    const version = await issueSessionToken({ ...claims, versionId: "version-1" }, SECRET);
    expect(await verifySessionToken(version.token, SECRET)).toMatchObject({ versionId: "version-1" });
    expect(draft.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(120_000);
  });

  it("refuses forged, tampered, expired, unsigned, foreign and over-long tokens with a clear code", async () => {
    const { token } = await issueSessionToken(claims, SECRET);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const other = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...other, wsid: "someone-elses" })).toString("base64url")}.${signature}`;
    expect(await refusal(undefined)).toBe("token_missing");
    expect(await refusal("")).toBe("token_missing");
    expect(await refusal(42)).toBe("token_malformed");
    expect(await refusal("x".repeat(5000))).toBe("token_malformed");
    expect(await refusal("not.a.jwt")).toBe("token_malformed");
    expect(await refusal((await issueSessionToken(claims, "another-secret-of-at-least-thirty-two-chars")).token)).toBe(
      "token_bad_signature",
    );
    expect(await refusal(tampered)).toBe("token_bad_signature");
    expect(await refusal((await issueSessionToken(claims, SECRET, now() - 3600)).token)).toBe("token_expired");
    // alg "none": no signature at all.
    const unsecured = new UnsecuredJWT({ wsid: "workspace-1", flow: "flow-1" })
      .setJti(crypto.randomUUID())
      .setSubject("u")
      .setIssuedAt()
      .setExpirationTime("1m");
    expect(await refusal(unsecured.setIssuer("switchboard").setAudience("switchboard-runtime").encode())).toBe("token_malformed");
    // Signed with the secret, but not a session token: another audience (a LiveKit token, say), or missing claims.
    expect(await refusal(await signed({}, (jwt) => jwt.setAudience("livekit")))).toBe("token_malformed");
    expect(await refusal(await signed({ wsid: undefined }))).toBe("token_malformed");
    expect(await refusal(await signed({}, (jwt) => jwt.setExpirationTime(now() + 3600)))).toBe("token_lifetime");
    expect(await refusal(await signed({}, (jwt) => jwt.setIssuedAt(now() + 600).setExpirationTime(now() + 660)))).toBe("token_lifetime");
    expect(await refusal(await signed({}))).toBe("accepted");
  });
});
