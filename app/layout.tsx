// The geist package bundles the font files (next/font/local), so builds work offline.
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { MainNav, SignedInAs } from "@/components/auth/main-nav";
import { BackgroundWorkBanner } from "@/components/health/background-work-banner";
import { AppProviders } from "@/components/providers/app-providers";
import { HeaderSearch } from "@/components/search/header-search";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crossdock", template: "%s · Crossdock" },
  description: "Where integration traffic between warehouses and the ERP is stuck, why, and what it blocks.",
};

// Two header rows: brand, search and the signed-in person on top, the views below. One row
// does not fit seven views, a search box and an email address on a 1024 px tablet.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <AppProviders>
          <header className="border-b border-zinc-200 bg-white">
            <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-6">
              <Link href="/" className="shrink-0 font-semibold tracking-tight text-zinc-950">
                Crossdock
              </Link>
              {actor && can(actor.role, "transactions:read") ? <HeaderSearch /> : null}
              {actor ? (
                <div className="ml-auto">
                  <SignedInAs actor={actor} />
                </div>
              ) : null}
            </div>
            {actor ? (
              <div className="mx-auto max-w-screen-2xl px-3">
                <MainNav actor={actor} />
              </div>
            ) : null}
          </header>
          {actor && can(actor.role, "health:read") ? <BackgroundWorkBanner /> : null}
          <main className="mx-auto max-w-screen-2xl px-6 py-6">{children}</main>
        </AppProviders>
      </body>
    </html>
  );
}
