import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "@xyflow/react/dist/style.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Switchboard",
  description: "Design voice and chat bots on a canvas, and test them in the browser.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next can put that response's CSP nonce on its scripts (proxy.ts).
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable} h-full antialiased`}>
      <body className="flex min-h-full flex-col">{children}</body>
    </html>
  );
}
