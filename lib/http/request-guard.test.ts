import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { hostPolicy } from "./host-guard";
import { originPolicy } from "./origin-guard";
import { createRequestGuard, type GuardedRequest } from "./request-guard";

const request = (method: string, headers: IncomingHttpHeaders): GuardedRequest => ({ method, headers });

describe("the request guard", () => {
  const guard = createRequestGuard({ hosts: hostPolicy({ listenHostname: "localhost" }), origins: originPolicy() });

  it("checks the host of every request first, whatever the method", () => {
    expect(guard.httpRefusal(request("GET", { host: "attacker.example" }))).toMatchObject({ status: 421, code: "host_not_allowed" });
    expect(guard.httpRefusal(request("GET", {}))?.message).toContain("without a Host header");
    expect(guard.handshakeRefusal(request("GET", { host: "attacker.example", origin: "http://localhost:3000" }))?.code).toBe(
      "host_not_allowed",
    );
  });

  it("lets other sites read (the browser keeps the answer from them) but not change anything", () => {
    const cross = { host: "localhost:3000", origin: "https://attacker.example" };
    expect(guard.httpRefusal(request("GET", cross))).toBeUndefined();
    expect(guard.httpRefusal(request("OPTIONS", cross))).toBeUndefined();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(guard.httpRefusal(request(method, cross)), method).toMatchObject({ status: 403, code: "cross_origin_refused" });
    }
    expect(guard.httpRefusal(request("POST", { host: "localhost:3000", origin: "http://localhost:3000" }))).toBeUndefined();
  });

  it("refuses a handshake from another site's page even though it is a GET", () => {
    expect(guard.handshakeRefusal(request("GET", { host: "localhost:3000", origin: "https://attacker.example" }))).toMatchObject({
      status: 403,
      code: "cross_origin_refused",
      message: expect.stringContaining("calls opened from another site"),
    });
    expect(guard.handshakeRefusal(request("GET", { host: "localhost:3000" }))).toBeUndefined();
  });
});
