// The catalogue's vocabulary (docs/domain.md: system, workflow), shared by the admin
// forms in the browser and the checks on the server.

export const SYSTEM_KINDS = ["wms", "erp", "commerce", "carrier", "edi", "middleware", "other"] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const SYSTEM_KIND_LABELS: Record<SystemKind, string> = {
  wms: "WMS",
  erp: "ERP",
  commerce: "Commerce",
  carrier: "Carrier",
  edi: "EDI",
  middleware: "Middleware",
  other: "Other",
};

// Workflow names are what senders put in events, so they are matched exactly: lowercase
// snake case, never folded (a folded name would no longer match what ingest receives).
export const WORKFLOW_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const SYSTEM_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

// How long a transaction may go without progress before it counts as stuck.
export const SLA_MINUTES_MIN = 1;
export const SLA_MINUTES_MAX = 100_000;
