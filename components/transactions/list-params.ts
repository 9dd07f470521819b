import { transactionFilterSchema } from "@/lib/queries/list-transactions";

// The transaction list's state is its URL. These helpers read it and build links that
// keep the filters, so every view can be bookmarked and works without JavaScript.

export type ListParams = Record<string, string>;
type RawSearchParams = Record<string, string | string[] | undefined>;

const KNOWN_KEYS = Object.keys(transactionFilterSchema.shape);
// What the filter form shows; the rest (reference filters, limit) arrive from links and are carried along.
export const FORM_KEYS = ["workflow", "site", "status", "q"] as const;
const NOT_FILTERS = new Set(["cursor", "limit"]);

// Repeated parameters (?status=a&status=b) take the first value rather than failing the page.
export function toListParams(raw: RawSearchParams): ListParams {
  const params: ListParams = {};
  for (const key of KNOWN_KEYS) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") params[key] = first;
  }
  return params;
}

export function hasActiveFilter(params: ListParams): boolean {
  return Object.keys(params).some((key) => !NOT_FILTERS.has(key));
}

export function listHref(params: ListParams, cursor?: string): string {
  const query = new URLSearchParams(Object.entries(params).filter(([key]) => key !== "cursor"));
  if (cursor) query.set("cursor", cursor);
  const s = query.toString();
  return s ? `/transactions?${s}` : "/transactions";
}

// Parameters not shown in the form but kept when it is submitted (e.g. ?orderId= from a link).
export function carriedParams(params: ListParams): [string, string][] {
  return Object.entries(params).filter(([key]) => key !== "cursor" && !(FORM_KEYS as readonly string[]).includes(key));
}

// The CSV export of what the list shows: the same filters, every page.
export function exportHref(params: ListParams): string {
  const query = new URLSearchParams(Object.entries(params).filter(([key]) => !NOT_FILTERS.has(key)));
  const s = query.toString();
  return s ? `/api/transactions/export?${s}` : "/api/transactions/export";
}
