import {
  createLoader,
  createSerializer,
  type inferParserType,
  parseAsArrayOf,
  parseAsIsoDateTime,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";

// The dashboards' filters live in the URL, so every view can be bookmarked and shared.
// These parsers are the one definition: server pages load them from `searchParams`,
// client components read and write them with `useQueryStates`, and query keys and API
// URLs are built from the same values. (`nuqs/server` has no "use client" directive, so
// this module is safe to import on both sides.)

export const TIME_PRESETS = ["1h", "24h", "7d", "30d"] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];
export const TIME_RANGES = [...TIME_PRESETS, "custom"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const DEFAULT_RANGE: TimePreset = "24h";

export const dashboardParsers = {
  range: parseAsStringLiteral(TIME_RANGES).withDefault(DEFAULT_RANGE),
  // Only read when range is "custom"; kept in the URL otherwise so switching back restores them.
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
  site: parseAsArrayOf(parseAsString).withDefault([]),
  workflow: parseAsArrayOf(parseAsString).withDefault([]),
};

export type DashboardParams = inferParserType<typeof dashboardParsers>;

const loadRaw = createLoader(dashboardParsers);

// Hand-edited URLs: blanks, duplicates and absurd lists are cleaned up rather than failing a page.
const MAX_CODES = 50;
const MAX_CODE_LENGTH = 100;

function cleanCodes(values: readonly string[]): string[] {
  const kept = values.map((v) => v.trim()).filter((v) => v !== "" && v.length <= MAX_CODE_LENGTH);
  return [...new Set(kept)].sort().slice(0, MAX_CODES);
}

// The same filter always has the same value, whatever order the sites were picked in: query keys depend on it.
export function normalizeDashboardParams(params: DashboardParams): DashboardParams {
  return { ...params, site: cleanCodes(params.site), workflow: cleanCodes(params.workflow) };
}

export function loadDashboardParams(
  input: URLSearchParams | Record<string, string | string[] | undefined>,
): DashboardParams {
  return normalizeDashboardParams(loadRaw(input));
}

// `?range=7d&site=east,south` for links and for client fetches to the dashboard API routes.
export const serializeDashboardParams = createSerializer(dashboardParsers, { clearOnDefault: true });

export interface TimeWindow {
  from: Date;
  to: Date;
  // Chart bucket width, so a chart has between about 48 and 180 points.
  bucketMs: number;
  // A custom range without valid bounds falls back to the default preset; the filter bar says so.
  fellBack: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const PRESET_MS: Record<TimePreset, number> = { "1h": HOUR, "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };
const BUCKET_LADDER = [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];
const MAX_BUCKETS = 180;

export function bucketSizeFor(spanMs: number): number {
  return BUCKET_LADDER.find((size) => spanMs / size <= MAX_BUCKETS) ?? Math.ceil(spanMs / MAX_BUCKETS / DAY) * DAY;
}

// The absolute window a filter means at `now`. Presets end at `now`; custom ranges are taken as given.
export function resolveTimeWindow(params: Pick<DashboardParams, "range" | "from" | "to">, now: Date): TimeWindow {
  if (params.range === "custom") {
    const { from, to } = params;
    if (from && to && from.getTime() < to.getTime())
      return { from, to, bucketMs: bucketSizeFor(to.getTime() - from.getTime()), fellBack: false };
  }
  const preset = params.range === "custom" ? DEFAULT_RANGE : params.range;
  const span = PRESET_MS[preset];
  return {
    from: new Date(now.getTime() - span),
    to: now,
    bucketMs: bucketSizeFor(span),
    fellBack: params.range === "custom",
  };
}

// Query keys hold every filter (never the resolved dates, which change every request):
// a server prefetch and the browser's query for the same URL share one cache entry.
export function dashboardQueryKey(view: string, params: DashboardParams) {
  const p = normalizeDashboardParams(params);
  const custom = p.range === "custom" ? { from: p.from?.toISOString() ?? null, to: p.to?.toISOString() ?? null } : {};
  return ["dashboard", view, { range: p.range, ...custom, site: p.site, workflow: p.workflow }] as const;
}
