import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The runtime core and the flow model stay free of web, transport and database code (see ../shared/STYLE.md). */
const transportFreeImports = {
  patterns: [
    { group: ["next", "next/*", "react", "react-dom", "react/*"], message: "The runtime core and flow model know no web framework." },
    { group: ["socket.io", "socket.io-client", "livekit-*", "@livekit/*"], message: "Transports live in lib/runtime/transports." },
    {
      group: ["@prisma/*", "pg", "@/lib/generated/*", "**/generated/prisma/*", "@/lib/db/*", "**/db/*"],
      message: "The engine announces events; persistence subscribes to them.",
    },
  ],
};

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/runtime/**/*.ts", "lib/flow/**/*.ts", "lib/expressions/**/*.ts"],
    ignores: ["lib/runtime/transports/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", transportFreeImports] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".switchboard/**",
    "test-results/**",
    "playwright-report/**",
    "bench/.cache/**",
    ".scratch/**",
  ]),
]);

export default eslintConfig;
