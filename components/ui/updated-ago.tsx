"use client";

import { useEffect, useState } from "react";
import { formatUpdatedAgo, formatUtc } from "./format";

// How fresh the figures on screen are. `at` is the time the data's figures are current to:
// the read model's `updatedAt` when it has one (rollup-based views: the last fold, see
// freshnessOf), else when it was fetched (TanStack Query's `dataUpdatedAt`, or the server's
// render time); 0 or null means not yet.
export function UpdatedAgo({ at, refreshing = false }: { at: number | Date | null; refreshing?: boolean }) {
  const time = at instanceof Date ? at.getTime() : at;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!time) return null;
  // Before the first tick (and on the server) the age is unknown: show nothing rather than a wrong figure.
  const text = refreshing ? "refreshing…" : now === null ? "" : formatUpdatedAgo(now - time);
  return (
    <time
      dateTime={new Date(time).toISOString()}
      title={formatUtc(new Date(time).toISOString())}
      aria-live="off"
      className="whitespace-nowrap text-xs text-zinc-500"
      data-testid="updated-ago"
    >
      {text}
    </time>
  );
}

// The time a dashboard read model says its figures are current to (its `updatedAt`), or
// `fetchedAt` for data that is live when fetched. Never later than the fetch.
export function freshnessOf(data: unknown, fetchedAt: number): number | null {
  const updatedAt =
    data !== null && typeof data === "object" && "updatedAt" in data
      ? (data as { updatedAt: unknown }).updatedAt
      : undefined;
  const at = typeof updatedAt === "string" || updatedAt instanceof Date ? new Date(updatedAt).getTime() : NaN;
  if (!fetchedAt) return Number.isNaN(at) ? null : at;
  return Number.isNaN(at) ? fetchedAt : Math.min(at, fetchedAt);
}
