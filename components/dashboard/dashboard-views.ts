// Each dashboard view's query key name and JSON route. Shared by the server pages (which
// prefetch under the key) and the client views (which refresh from the route), so kept
// out of the "use client" modules, whose exports the server only sees as references.
export const STUCK_VIEW = { key: "stuck", endpoint: "/api/dashboard/stuck" } as const;
export const FINANCE_VIEW = { key: "unposted-loads", endpoint: "/api/dashboard/unposted-loads" } as const;
export const FAILURES_VIEW = { key: "failures", endpoint: "/api/dashboard/failures" } as const;
