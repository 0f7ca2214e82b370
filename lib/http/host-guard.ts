/**
 * The hosts this server answers for. A browser sends the name it resolved in `Host`, so checking it defeats DNS
 * rebinding: a page on attacker.example whose name is re-pointed at 127.0.0.1 still says `Host: attacker.example`.
 */
export interface HostPolicy {
  /** Hostnames served, lowercase, IPv6 in brackets; any port. */
  readonly hostnames: ReadonlySet<string>;
  allows(hostHeader: string | undefined): boolean;
}

/** Served whatever the configuration: the machine itself. */
export const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"] as const;

/** Addresses that mean "every interface" when listened on; they name no host a browser would send. */
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", "[::]"]);

// A DNS name or an IPv4 address, or an IPv6 address in brackets; then an optional port. Nothing else (no user info,
// no path) can be a Host header.
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

/** A `Host` header's parts: the hostname (lowercase, without a trailing dot) and the port if it names one. */
export interface HostHeaderParts {
  hostname: string;
  port?: string;
}

/** Splits a `Host` header, or null if it is not one. */
export function parseHostHeader(hostHeader: string): HostHeaderParts | null {
  const match = HOST_HEADER.exec(hostHeader.trim().toLowerCase());
  if (!match?.[1]) return null;
  const hostname = match[1].endsWith(".") ? match[1].slice(0, -1) : match[1];
  return match[2] === undefined ? { hostname } : { hostname, port: match[2] };
}

/** The Host-header spelling of an address or name given to listen() or ALLOWED_HOSTS (IPv6 gets brackets). */
function asHostname(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

/**
 * Reads a comma-separated hostname list (ALLOWED_HOSTS). Entries are names or addresses without a port or scheme;
 * anything else throws, so a typo stops the server at start instead of refusing every request.
 */
export function parseHostList(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const hostname = asHostname(entry);
    if (parseHostHeader(hostname)?.hostname !== hostname || hostname.endsWith(".")) {
      throw new Error(`ALLOWED_HOSTS: "${entry}" is not a hostname (write names like switchboard.example.com, no scheme, port or path)`);
    }
    return hostname;
  });
}

/** Loopback, the hostname the server listens on (unless it is every interface), and the extra hosts. */
export function hostPolicy(options: { listenHostname: string; extraHosts?: readonly string[] }): HostPolicy {
  const hostnames = new Set<string>(LOOPBACK_HOSTNAMES);
  const listened = asHostname(options.listenHostname);
  if (!WILDCARD_ADDRESSES.has(listened)) hostnames.add(listened);
  for (const extra of options.extraHosts ?? []) hostnames.add(asHostname(extra));
  return {
    hostnames,
    allows(hostHeader) {
      if (hostHeader === undefined) return false;
      const parts = parseHostHeader(hostHeader);
      return parts !== null && hostnames.has(parts.hostname);
    },
  };
}
