"use client";

import { useEffect, useState } from "react";

// Fetches a JSON status route about once a second until `isDone` says so, for progress
// that lives in the worker (a replay, a bulk replay). Stops on unmount; a failed poll is
// shown and retried on the next tick, not fatal.
export function usePoll<T>(
  url: string | null,
  isDone: (value: T) => boolean,
  intervalMs = 1000,
): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: isDone is usually an inline arrow; restarting the poll on every render would never let it tick
  useEffect(() => {
    if (!url) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function tick() {
      try {
        const res = await fetch(url!, { cache: "no-store" });
        const body = (await res.json()) as T | { error?: { message?: string } };
        if (stopped) return;
        if (!res.ok) {
          setError((body as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
        } else {
          setError(null);
          setData(body as T);
          if (isDone(body as T)) return;
        }
      } catch {
        if (!stopped) setError("The server could not be reached; retrying.");
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    }
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // isDone is a pure predicate; restarting the loop when its identity changes would double-poll.
  }, [url, intervalMs]);
  return { data, error };
}
