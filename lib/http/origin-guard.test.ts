import { describe, expect, it } from "vitest";
import { originPolicy, parseOriginList } from "./origin-guard";

describe("the origin policy", () => {
  const policy = originPolicy(parseOriginList("https://widget.example.com, http://localhost:5173"));
  const host = "localhost:3000";

  it("lets the server's own pages act, whatever name they were reached by", () => {
    expect(policy.refusal({ host, origin: "http://localhost:3000" })).toBeUndefined();
    expect(policy.refusal({ host: "switchboard.example.com", origin: "https://switchboard.example.com" })).toBeUndefined();
    expect(policy.refusal({ host: "switchboard.example.com:443", origin: "https://switchboard.example.com" })).toBeUndefined();
    expect(policy.refusal({ host: "[::1]:3000", origin: "http://[::1]:3000" })).toBeUndefined();
  });

  it("lets the listed origins act, and refuses every other page", () => {
    expect(policy.refusal({ host, origin: "https://widget.example.com" })).toBeUndefined();
    expect(policy.refusal({ host, origin: "http://localhost:5173" })).toBeUndefined();
    expect(policy.refusal({ host, origin: "https://attacker.example" })).toBe('the origin "https://attacker.example" is not allowed');
    // Another port of the same machine is another site: a local dev server may not drive this one.
    expect(policy.refusal({ host, origin: "http://localhost:8080" })).toBeDefined();
    // Sandboxed frames and file:// pages send the opaque origin.
    expect(policy.refusal({ host, origin: "null" })).toBeDefined();
    expect(policy.refusal({ origin: "http://localhost:3000" })).toBeDefined();
  });

  it("falls back to the fetch metadata, then to the page's address, when a browser sends no Origin", () => {
    expect(policy.refusal({ host, "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(policy.refusal({ host, "sec-fetch-site": "none" })).toBeUndefined();
    expect(policy.refusal({ host, "sec-fetch-site": "cross-site" })).toBe('a "cross-site" request is not allowed');
    expect(policy.refusal({ host, "sec-fetch-site": "same-site" })).toBeDefined();
    expect(policy.refusal({ host, referer: "http://localhost:3000/flows/abc" })).toBeUndefined();
    expect(policy.refusal({ host, referer: "https://attacker.example/page" })).toBeDefined();
  });

  it("lets clients that are not browsers through: they send none of these", () => {
    expect(policy.refusal({ host })).toBeUndefined();
    expect(policy.refusal({})).toBeUndefined();
  });

  it("stops at start on a CORS_ORIGINS entry that is not an origin", () => {
    expect(parseOriginList(undefined)).toEqual([]);
    expect(parseOriginList("HTTPS://Widget.Example.com/")).toEqual(["https://widget.example.com"]);
    for (const entry of ["widget.example.com", "https://widget.example.com/path", "*", "ftp://files.example.com"]) {
      expect(() => parseOriginList(entry), entry).toThrow(/CORS_ORIGINS: .* is not an origin/);
    }
  });
});
