import { NextResponse, type NextRequest } from "next/server";
import { liveKitConnectSources } from "./lib/config/livekit-status";
import { cspNonce, pageContentSecurityPolicy } from "./lib/http/security-headers";

/**
 * Gives every page its Content-Security-Policy with a fresh nonce. Next reads the nonce from the request's policy
 * header and puts it on the scripts it renders (Next's CSP guide); the browser gets the same policy on the response.
 * The host and origin checks and the other security headers are the custom server's (lib/server/guarded-http.ts),
 * so they cover the Socket.IO runtime too.
 */
export function proxy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy({
    nonce: cspNonce(),
    dev: process.env.NODE_ENV === "development",
    connectSources: liveKitConnectSources(),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: the API has its own policy, and static files run in no document of their own.
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      // Prefetches fetch data for a page already running under its policy.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
