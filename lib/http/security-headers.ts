/*
 * The security headers of every answer, in one place. Pure data and strings: the custom server (lib/server) sets
 * them on everything it serves, and Next's proxy (proxy.ts) adds each page's Content-Security-Policy with its nonce.
 */

/** On every response: pages, API, static files, refusals. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // Our URLs name flows and sessions: other sites learn nothing from them; our own pages keep the full address.
  "Referrer-Policy": "same-origin",
  // frame-ancestors 'none' says the same to browsers that read CSP; this is for those that do not.
  "X-Frame-Options": "DENY",
  // No other site's window keeps a handle on ours (window.opener), and ours none on theirs.
  "Cross-Origin-Opener-Policy": "same-origin",
  // The microphone stays ours to ask for (voice calls from the test panel come next); the rest is off.
  "Permissions-Policy": "camera=(), microphone=(self), geolocation=(), payment=(), usb=(), display-capture=()",
};

/** On API answers (and the server's refusals): JSON is never cached, never run or framed, never read by other sites. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/**
 * The pages' policy. Scripts run only with this response's nonce ('strict-dynamic' lets those load Next's chunks),
 * so an injected <script> does not run. Why a nonce and not 'unsafe-inline': Next 16 renders inline scripts into
 * every page (the RSC payload), and allowing every inline script would leave CSP no defence against script
 * injection at all. The price, per Next's CSP guide, is that pages render per request instead of being prerendered:
 * our pages are thin shells around client components that fetch their data, so that costs a few milliseconds,
 * and nothing here is served from a CDN. Styles keep 'unsafe-inline': React Flow positions every node with a
 * style attribute, which no nonce can cover, and a style cannot run code.
 * Not here: upgrade-insecure-requests (it would break a server reached over plain http on the LAN; TLS is the
 * proxy's job, see docs/deployment.md).
 */
export function pageContentSecurityPolicy(options: { nonce: string; dev: boolean; connectSources?: readonly string[] }): string {
  const connect = ["'self'", ...(options.connectSources ?? [])].join(" ");
  return [
    "default-src 'self'",
    // In development React rebuilds server error stacks with eval (Next's CSP guide); production never evals.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The API and the Socket.IO runtime are on this origin ('self' covers ws: and wss: to it); a LiveKit server, when
    // configured, is another origin that test calls over LiveKit join (lib/config/livekit-status.ts).
    `connect-src ${connect}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce for one response: 128 random bits, base64. */
export function cspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
