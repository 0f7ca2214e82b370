import { describe, expect, it } from "vitest";
import { hostPolicy, parseHostHeader, parseHostList } from "./host-guard";

describe("the host policy", () => {
  it("serves loopback on any port by default, and nothing else", () => {
    const policy = hostPolicy({ listenHostname: "localhost" });
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3100", "[::1]:3000", "LOCALHOST:80", "localhost.:3000"]) {
      expect(policy.allows(host), host).toBe(true);
    }
    for (const host of ["attacker.example", "attacker.example:3000", "localhost.attacker.example", "127.0.0.2:3000", "[::2]"]) {
      expect(policy.allows(host), host).toBe(false);
    }
  });

  it("refuses what is not a Host header at all, rather than guessing a hostname in it", () => {
    const policy = hostPolicy({ listenHostname: "localhost" });
    for (const host of [
      undefined,
      "",
      "localhost@attacker.example",
      "attacker.example/localhost",
      "localhost:3000:1",
      "local host",
      "localhost:",
    ]) {
      expect(policy.allows(host), String(host)).toBe(false);
    }
  });

  it("adds the hostname it listens on, but not the every-interface address", () => {
    expect(hostPolicy({ listenHostname: "192.168.1.20" }).allows("192.168.1.20:3000")).toBe(true);
    expect(hostPolicy({ listenHostname: "::1" }).allows("[::1]:3000")).toBe(true);
    const everywhere = hostPolicy({ listenHostname: "0.0.0.0" });
    expect(everywhere.allows("0.0.0.0:3000")).toBe(false);
    expect([...everywhere.hostnames]).toEqual(["localhost", "127.0.0.1", "[::1]"]);
    expect(hostPolicy({ listenHostname: "::" }).allows("[::]:3000")).toBe(false);
  });

  it("adds the ALLOWED_HOSTS list, case-insensitively, with any port", () => {
    const policy = hostPolicy({ listenHostname: "0.0.0.0", extraHosts: parseHostList(" Switchboard.example.com , app_1,10.0.0.5,") });
    expect(policy.allows("switchboard.example.com")).toBe(true);
    expect(policy.allows("SWITCHBOARD.example.com:443")).toBe(true);
    expect(policy.allows("app_1:3000")).toBe(true);
    expect(policy.allows("10.0.0.5:3000")).toBe(true);
    expect(policy.allows("evil.switchboard.example.com")).toBe(false);
  });

  it("stops at start on an ALLOWED_HOSTS entry that is not a hostname", () => {
    expect(parseHostList(undefined)).toEqual([]);
    expect(parseHostList("::1")).toEqual(["[::1]"]);
    for (const entry of ["https://switchboard.example.com", "switchboard.example.com:443", "example.com/path", "a b"]) {
      expect(() => parseHostList(entry), entry).toThrow(/ALLOWED_HOSTS: .* is not a hostname/);
    }
  });

  it("splits a Host header into hostname and port", () => {
    expect(parseHostHeader("Example.COM.:8080")).toEqual({ hostname: "example.com", port: "8080" });
    expect(parseHostHeader("[::1]")).toEqual({ hostname: "[::1]" });
    expect(parseHostHeader("user@example.com")).toBeNull();
  });
});
