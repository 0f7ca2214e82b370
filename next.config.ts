import type { NextConfig } from "next";

const nextConfig: NextConfig = {
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
