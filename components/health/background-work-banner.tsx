"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchDashboard } from "@/components/dashboard/fetch-dashboard";

interface BackgroundWork {
  status: string;
  banner: string | null;
}

// Engineers and admins see, on every page, when the background work has stopped or fallen
// behind, so stale dashboards and queued replays are not taken for quiet ones. The sentence
// comes from the same read model as /api/health; asked again every 15 s.
export function BackgroundWorkBanner() {
  const { data } = useQuery({
    queryKey: ["background-work"],
    queryFn: ({ signal }) => fetchDashboard<BackgroundWork>("/api/background-work", signal),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  if (!data?.banner) return null;
  return (
    <div role="alert" data-testid="background-work-banner" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-screen-2xl px-6 py-2 text-sm text-amber-900">
        {data.banner} See <span className="font-mono">/api/health</span> for details.
      </p>
    </div>
  );
}
