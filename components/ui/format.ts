// Display formatting shared by the server-rendered screens. Times are shown in UTC and
// say so: the server does not know the viewer's time zone, and sites span several.

export function humanize(word: string): string {
  return word.replaceAll("_", " ");
}

export function formatUtc(iso: string, withMs = false): string {
  const s = new Date(iso).toISOString(); // 2026-11-02T09:00:04.123Z
  return `${s.slice(0, 10)} ${s.slice(11, withMs ? 23 : 19)} UTC`;
}

// "4 min ago": coarse on purpose; the exact time sits in the title attribute.
export function formatAge(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 0) return "in the future"; // sender clock ahead of ours
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function formatMoney(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(Number(amount));
  } catch {
    // A currency code Intl does not know still deserves to be shown as sent.
    return `${formatNumber(amount)} ${currency}`;
  }
}

// Decimals arrive as strings with 4 places ("12.0000"); show only the places that matter.
export function formatNumber(value: string): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 }).format(Number(value));
}

// "updated 12s ago" on cards that refresh themselves: seconds matter here, unlike formatAge.
export function formatUpdatedAgo(ageMs: number): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 5) return "updated just now";
  if (seconds < 60) return `updated ${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `updated ${minutes} min ago`;
  return `updated ${Math.floor(minutes / 60)} h ago`;
}

// Kept in lib so read models can word an SLA the same way ("not confirmed within 20 min").
export { formatMinutes } from "@/lib/format/duration";
