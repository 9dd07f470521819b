import { isServer, QueryClient } from "@tanstack/react-query";

// TanStack Query's App Router pattern: on the server a new client for every call (one per
// request, so one person's data never sits in another's cache); in the browser one client
// for the life of the tab, so navigating between views reuses what is fresh.

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero, so data prefetched on the server is not fetched again right after hydration.
        staleTime: 30_000,
        // Operational screens are left open: refresh what is on screen every minute.
        refetchInterval: 60_000,
        retry: 1,
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
