"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { getQueryClient } from "@/lib/react-query/get-query-client";

// Client-side context for every page: URL state (nuqs) and the query cache (TanStack Query).
export function AppProviders({ children }: { children: ReactNode }) {
  // Not useState: if React suspends during the first render it would throw the client away.
  const queryClient = getQueryClient();
  return (
    <NuqsAdapter>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </NuqsAdapter>
  );
}
