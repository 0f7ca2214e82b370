import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Nothing gains from knowing what serves the pages; the security headers are set in lib/server/guarded-http.ts and proxy.ts.
  poweredByHeader: false,
  // The runtime server (server.ts) shares these with route handlers; keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "socket.io"],
  turbopack: {
    rules: {
      "*.css": {
        loaders: ["@tailwindcss/turbopack"],
        as: "*.css",
      },
    },
  },
};

export default nextConfig;
