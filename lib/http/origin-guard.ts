import type { IncomingHttpHeaders } from "node:http";
import { parseHostHeader } from "./host-guard";

/**
 * Which browser pages may act on this server: its own (the origin whose host is the request's `Host`) and the listed
 * ones (CORS_ORIGINS, for a runtime served apart from the app). Non-browser clients send no origin and pass: they
 * prove who they are otherwise (a session token), and no victim's browser is involved.
 */
export interface OriginPolicy {
  /** Why the browser page behind a request may not act here, or undefined when it may (or no browser says). */
  refusal(headers: IncomingHttpHeaders): string | undefined;
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * Reads a comma-separated origin list (CORS_ORIGINS) as origins (`https://widget.example.com`, `http://localhost:5173`);
 * anything else throws, so a typo stops the server at start instead of refusing every page.
 */
export function parseOriginList(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const origin = webOrigin(entry);
    if (origin === undefined || origin !== entry.replace(/\/$/, "").toLowerCase()) {
      throw new Error(`CORS_ORIGINS: "${entry}" is not an origin (write scheme://host[:port], e.g. https://widget.example.com)`);
    }
    return origin;
  });
}

/** The origin of an http(s) URL, or undefined for anything else (including the opaque origin `null`). */
function webOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol in DEFAULT_PORTS ? url.origin : undefined;
}

/** Whether an origin is the one the request was sent to: same hostname and port (a missing port is the scheme's). */
function isSameHost(origin: string, hostHeader: string | undefined): boolean {
  if (hostHeader === undefined) return false;
  const url = new URL(origin);
  const host = parseHostHeader(hostHeader);
  const defaultPort = DEFAULT_PORTS[url.protocol];
  return host !== null && host.hostname === url.hostname && (host.port ?? defaultPort) === (url.port || defaultPort);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function originPolicy(allowedOrigins: readonly string[] = []): OriginPolicy {
  const allowed = new Set(allowedOrigins);
  const allows = (origin: string | undefined, host: string | undefined) =>
    origin !== undefined && (allowed.has(origin) || isSameHost(origin, host));
  return {
    refusal(headers) {
      const host = single(headers.host);
      // Browsers send Origin on every request that can change something (fetch, forms, WebSockets).
      const origin = single(headers.origin);
      if (origin !== undefined) return allows(webOrigin(origin), host) ? undefined : `the origin ${clip(origin)} is not allowed`;
      // Older browsers: the fetch metadata, then the page's address.
      const site = single(headers["sec-fetch-site"]);
      if (site !== undefined) return site === "same-origin" || site === "none" ? undefined : `a ${clip(site)} request is not allowed`;
      const referer = single(headers.referer);
      if (referer !== undefined) return allows(webOrigin(referer), host) ? undefined : `a request from ${clip(referer)} is not allowed`;
      return undefined;
    },
  };
}

/** Keeps what a client sent short in our answers. */
function clip(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
