// The audit page's state is its URL (like the transaction list): these read it and build
// links that keep the filters, for the pages and for the CSV export.

export type AuditParams = Record<string, string>;
type RawSearchParams = Record<string, string | string[] | undefined>;

export const AUDIT_PARAM_KEYS = ["actor", "match", "action", "from", "to", "cursor", "limit"] as const;
const FILTER_KEYS = ["actor", "match", "action", "from", "to"];

// Repeated parameters take the first value rather than failing the page.
export function toAuditParams(raw: RawSearchParams): AuditParams {
  const params: AuditParams = {};
  for (const key of AUDIT_PARAM_KEYS) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") params[key] = first;
  }
  return params;
}

export function hasAuditFilter(params: AuditParams): boolean {
  return FILTER_KEYS.some((key) => params[key] !== undefined);
}

function query(params: AuditParams, keep: (key: string) => boolean, cursor?: string): string {
  const q = new URLSearchParams(Object.entries(params).filter(([key]) => keep(key)));
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function auditHref(params: AuditParams, cursor?: string): string {
  return `/admin/audit${query(params, (key) => key !== "cursor", cursor)}`;
}

// The export takes the filters, not the page position or size: it always starts at the newest entry.
export function auditExportHref(params: AuditParams): string {
  return `/api/admin/audit/export${query(params, (key) => FILTER_KEYS.includes(key))}`;
}
