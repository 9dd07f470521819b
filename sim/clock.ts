// Business time. The company plans its shifts, truck departures and batch runs in one
// time zone; a fixed offset (US Eastern standard time, no DST) keeps the rhythm simple
// and the output independent of the machine's zone.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const BUSINESS_UTC_OFFSET_MS = -5 * HOUR;

// Document numbers count minutes from here, so they stay short and never repeat.
export const SERIAL_EPOCH_MS = Date.UTC(2020, 0, 1);

export function toMs(t: Date | number | string): number {
  const ms = typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : t.getTime();
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(t)}`);
  return ms;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

export function msOfLocalDay(t: number): number {
  return mod(t + BUSINESS_UTC_OFFSET_MS, DAY);
}

export function localDayStart(t: number): number {
  return t - msOfLocalDay(t);
}

// 0 = Sunday ... 6 = Saturday, in business time (1970-01-01 was a Thursday).
export function localWeekday(t: number): number {
  return mod(Math.floor((t + BUSINESS_UTC_OFFSET_MS) / DAY) + 4, 7);
}

// The first instant >= t on the cycle `phase + n * period` of business time.
export function nextOnCycle(t: number, period: number, phase: number): number {
  const local = t + BUSINESS_UTC_OFFSET_MS - phase;
  return t + mod(-local, period);
}

// The first instant >= t whose business time of day lies in [open, close); otherwise
// the next opening. Work that cannot happen at night waits for the next shift.
export function withinHours(t: number, open: number, close: number): number {
  const tod = msOfLocalDay(t);
  if (tod >= open && tod < close) return t;
  return t + mod(open - tod, DAY);
}

export function minuteIndex(t: number): number {
  return Math.floor((t - SERIAL_EPOCH_MS) / MINUTE);
}

export function minuteStart(index: number): number {
  return SERIAL_EPOCH_MS + index * MINUTE;
}

// Date#toISOString for every event is a large share of generation time; the hour
// prefix ("2026-03-10T14:") is formatted once and cached.
const hourPrefixes = new Map<number, string>();

export function iso(t: number): string {
  const hour = Math.floor(t / HOUR);
  let prefix = hourPrefixes.get(hour);
  if (prefix === undefined) {
    if (hourPrefixes.size > 10_000) hourPrefixes.clear();
    prefix = new Date(hour * HOUR).toISOString().slice(0, 14);
    hourPrefixes.set(hour, prefix);
  }
  const r = t - hour * HOUR;
  const m = Math.floor(r / MINUTE);
  const sec = Math.floor(r / SECOND) % 60;
  const ms = r % SECOND;
  return `${prefix}${m < 10 ? "0" : ""}${m}:${sec < 10 ? "0" : ""}${sec}.${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}

// YYYY-MM-DD / YYYY-MM of business time (document dates, posting periods).
export function localDate(t: number): string {
  return iso(t + BUSINESS_UTC_OFFSET_MS).slice(0, 10);
}

export function localMonth(t: number): string {
  return iso(t + BUSINESS_UTC_OFFSET_MS).slice(0, 7);
}
