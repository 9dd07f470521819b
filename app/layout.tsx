import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/actor";
import { MainNav } from "@/components/auth/main-nav";
import type { ReactNode } from "react";
// The geist package bundles the font files (next/font/local), so builds work offline.
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crossdock", template: "%s · Crossdock" },
  description: "Where integration traffic between warehouses and the ERP is stuck, why, and what it blocks.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <header className="border-b border-zinc-200 bg-white">
          <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-8 px-6">
            <Link href="/" className="font-semibold tracking-tight text-zinc-950">
              Crossdock
            </Link>
            <MainNav actor={actor} />
          </div>
        </header>
        <main className="mx-auto max-w-screen-2xl px-6 py-6">{children}</main>
      </body>
    </html>
  );
}
