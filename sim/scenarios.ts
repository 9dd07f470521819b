// The six failure scenarios of the demo, as data (what the demo may switch) and as pure
// decisions ("does this flow fail here, at this time?").
//
// Every decision depends on the time of the step it decides, never on when the
// generator runs. So a scenario switched on at 10:00 (a window opening at 10:00) leaves
// everything before 10:00 as it was, and live traffic regenerated tick by tick never
// rewrites what it already sent.
import { HOUR, MINUTE, toMs } from "./clock";
import type { SiteCode } from "./landscape";
import { UOM_PROBLEM_SKUS } from "./master-data";

export type Instant = Date | number | string;

// [from, until): open-ended on either side when absent.
export interface TimeWindow {
  from?: Instant;
  until?: Instant;
}

export interface ScenarioToggle {
  enabled: boolean;
  // Only active inside these windows; absent = always (while enabled).
  windows?: TimeWindow[];
}

export interface CustomerMasterWindow extends TimeWindow {
  // `until` is the fix. When set, the confirmations that piled up are replayed this
  // long after the fix (people replaying the group); unset, they wait for a person.
  replayAfterFixMs?: number;
}

export interface ScenarioSettings {
  // 1. A customer master update makes the ERP reject shipment confirmations of one site.
  customerMaster: ScenarioToggle & { windows?: CustomerMasterWindow[]; site: SiteCode; affectedCustomerShare: number };
  // 2. Missing unit-of-measure conversions in the middleware mapping.
  uomMismatch: ScenarioToggle & { skus: readonly string[] };
  // 3. Broker publish timeouts, retried automatically; storms raise the rate for a while.
  brokerTimeouts: ScenarioToggle & {
    probability: number;
    retrySuccess: number;
    maxAttempts: number;
    storms?: (TimeWindow & { probability: number })[];
  };
  // 4. Short picks: backorders and partial shipment confirmations.
  shortPicks: ScenarioToggle & { probability: number };
  // 5. Returns against an invoice of a closed posting period are rejected by the ERP.
  closedPeriodReturns: ScenarioToggle & {
    probability: number;
    resolvedByHandAfterMs: { min: number; max: number } | null;
  };
  // 6. Late and skipped CSV batches of the legacy south WMS.
  southBatchDelays: ScenarioToggle & {
    lateProbability: number;
    maxLateMs: number;
    skipProbability: number;
    outages?: TimeWindow[];
  };
}

export type ScenarioKey = keyof ScenarioSettings;

export const SCENARIOS: readonly {
  id: number;
  key: ScenarioKey;
  title: string;
  where: string;
  errorCode: string | null;
}[] = [
  {
    id: 1,
    key: "customerMaster",
    title: "ERP customer master validation fails after a master-data update",
    where: "target_api (erp-cloud), shipment_confirmation, one site",
    errorCode: "CUSTOMER_MASTER_INVALID",
  },
  {
    id: 2,
    key: "uomMismatch",
    title: "Unit-of-measure mapping missing for some SKUs",
    where: "middleware, inventory_adjustment",
    errorCode: "UOM_MAPPING_MISSING",
  },
  {
    id: 3,
    key: "brokerTimeouts",
    title: "Broker timeouts with automatic retries",
    where: "broker, every workflow",
    errorCode: "BROKER_TIMEOUT",
  },
  {
    id: 4,
    key: "shortPicks",
    title: "Short picks: backorders and partial shipments",
    where: "pick/pack/shipment quantities",
    errorCode: null,
  },
  {
    id: 5,
    key: "closedPeriodReturns",
    title: "Returns rejected for a closed posting period",
    where: "target_api (erp-cloud), returns",
    errorCode: "PERIOD_CLOSED",
  },
  {
    id: 6,
    key: "southBatchDelays",
    title: "Legacy south WMS: late and skipped CSV batches",
    where: "middleware latency of site south",
    errorCode: null,
  },
];

// Live traffic: everything but the customer master outage, which the demo switches.
export const DEFAULT_SETTINGS: ScenarioSettings = {
  customerMaster: { enabled: false, site: "east", affectedCustomerShare: 0.8 },
  uomMismatch: { enabled: true, skus: UOM_PROBLEM_SKUS },
  brokerTimeouts: { enabled: true, probability: 0.01, retrySuccess: 0.85, maxAttempts: 3 },
  shortPicks: { enabled: true, probability: 0.06 },
  closedPeriodReturns: { enabled: true, probability: 0.15, resolvedByHandAfterMs: { min: 3 * HOUR, max: 30 * HOUR } },
  southBatchDelays: { enabled: true, lateProbability: 0.3, maxLateMs: 90 * MINUTE, skipProbability: 0.05 },
};

// Switches a scenario on or off at `at`, keeping its past: on opens a window at `at`,
// off closes the open ones there. "Fixed at 11:40" is `setScenario(s, key, false, fix)`.
export function setScenario(settings: ScenarioSettings, key: ScenarioKey, on: boolean, at: Instant): ScenarioSettings {
  const current = settings[key];
  const t = toMs(at);
  let windows: TimeWindow[];
  if (on) {
    if (isScenarioActive(settings, key, t)) return settings;
    windows = [...(current.enabled ? (current.windows ?? []) : []), { from: t }];
  } else {
    if (!current.enabled) return settings;
    windows = (current.windows ?? [{}]).map((w) =>
      w.until === undefined || toMs(w.until) > t ? { ...w, until: t } : w,
    );
  }
  return { ...settings, [key]: { ...current, enabled: true, windows } };
}

// Is the scenario on at `t` (enabled, and inside one of its windows if it has any)?
export function isScenarioActive(settings: ScenarioSettings, key: ScenarioKey, at: Instant): boolean {
  const toggle = settings[key];
  return toggle.enabled && isActive(compileWindows(toggle.windows), toMs(at));
}

// ---- compiled form: numbers only, checked once per generator, cheap per decision ----

export interface Span {
  from: number;
  until: number;
}

export interface CompiledSettings {
  raw: ScenarioSettings;
  customerMaster: { spans: (Span & { replayAt: number | null })[]; site: SiteCode; share: number };
  uom: { spans: Span[]; skus: ReadonlySet<string> };
  broker: {
    spans: Span[];
    probability: number;
    storms: (Span & { probability: number })[];
    retrySuccess: number;
    maxAttempts: number;
  };
  shortPicks: { spans: Span[]; probability: number };
  returns: { spans: Span[]; probability: number; resolveAfter: { min: number; max: number } | null };
  south: { spans: Span[]; lateProbability: number; maxLateMs: number; skipProbability: number; outages: Span[] };
}

const NEVER: Span[] = [];
const ALWAYS: Span[] = [{ from: -Infinity, until: Infinity }];

function compileWindows(windows: readonly TimeWindow[] | undefined): Span[] {
  if (!windows) return ALWAYS;
  return windows.map((w) => ({
    from: w.from === undefined ? -Infinity : toMs(w.from),
    until: w.until === undefined ? Infinity : toMs(w.until),
  }));
}

function spansOf(t: ScenarioToggle): Span[] {
  return t.enabled ? compileWindows(t.windows) : NEVER;
}

export function compileSettings(s: ScenarioSettings): CompiledSettings {
  const cm = s.customerMaster;
  return {
    raw: s,
    customerMaster: {
      spans: cm.enabled
        ? (cm.windows ?? [{}]).map((w: CustomerMasterWindow) => {
            const [span] = compileWindows([w]);
            const replayAt =
              w.replayAfterFixMs !== undefined && Number.isFinite(span!.until)
                ? span!.until + w.replayAfterFixMs
                : null;
            return { ...span!, replayAt };
          })
        : [],
      site: cm.site,
      share: cm.affectedCustomerShare,
    },
    uom: { spans: spansOf(s.uomMismatch), skus: new Set(s.uomMismatch.skus) },
    broker: {
      spans: spansOf(s.brokerTimeouts),
      probability: s.brokerTimeouts.probability,
      storms: s.brokerTimeouts.enabled
        ? (s.brokerTimeouts.storms ?? []).map((w) => ({ ...compileWindows([w])[0]!, probability: w.probability }))
        : [],
      retrySuccess: s.brokerTimeouts.retrySuccess,
      maxAttempts: Math.max(1, s.brokerTimeouts.maxAttempts),
    },
    shortPicks: { spans: spansOf(s.shortPicks), probability: s.shortPicks.probability },
    returns: {
      spans: spansOf(s.closedPeriodReturns),
      probability: s.closedPeriodReturns.probability,
      resolveAfter: s.closedPeriodReturns.resolvedByHandAfterMs,
    },
    south: {
      spans: spansOf(s.southBatchDelays),
      lateProbability: s.southBatchDelays.lateProbability,
      maxLateMs: s.southBatchDelays.maxLateMs,
      skipProbability: s.southBatchDelays.skipProbability,
      outages: s.southBatchDelays.enabled ? compileWindows(s.southBatchDelays.outages ?? []) : [],
    },
  };
}

export function isActive(spans: readonly Span[], t: number): boolean {
  for (const s of spans) if (t >= s.from && t < s.until) return true;
  return false;
}

function spanAt<S extends Span>(spans: readonly S[], t: number): S | null {
  for (const s of spans) if (t >= s.from && t < s.until) return s;
  return null;
}

// ---- decisions; `u` arguments are uniform draws the caller keys to the flow ----

// 1. Rejected at the ERP endpoint? Returns the outage (for its replay time) or null.
export function customerMasterOutage(
  c: CompiledSettings,
  site: SiteCode,
  customerDraw: number,
  t: number,
): { replayAt: number | null } | null {
  if (site !== c.customerMaster.site || customerDraw >= c.customerMaster.share) return null;
  return spanAt(c.customerMaster.spans, t);
}

// 2. Mapping fails in the middleware?
export function uomMappingFails(c: CompiledSettings, sku: string, t: number): boolean {
  return c.uom.skus.has(sku) && isActive(c.uom.spans, t);
}

// 3. Chance that a publish at time t times out.
export function brokerTimeoutChance(c: CompiledSettings, t: number): number {
  const storm = spanAt(c.broker.storms, t);
  if (storm) return storm.probability;
  return isActive(c.broker.spans, t) ? c.broker.probability : 0;
}

// 4. Is this order short-picked at time t?
export function isShortPick(c: CompiledSettings, u: number, t: number): boolean {
  return u < c.shortPicks.probability && isActive(c.shortPicks.spans, t);
}

// 5. Is this return rejected? Only returns against an invoice of an earlier month can hit
// a closed period.
export function returnHitsClosedPeriod(
  c: CompiledSettings,
  u: number,
  t: number,
  invoiceMonth: string,
  postingMonth: string,
): boolean {
  return invoiceMonth < postingMonth && u < c.returns.probability && isActive(c.returns.spans, t);
}
