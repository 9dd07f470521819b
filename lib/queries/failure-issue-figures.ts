import type { Pool } from "pg";
import type { SiteScope } from "@/lib/auth/site-scope";
import { type Money, sumByCurrency } from "@/lib/domain/dashboard/money";

// The live figures of issues: their open failed transactions (failed, dead_lettered) with
// the issue's signature, within the reader's sites. Read from the transactions, not
// stored, so they always match the transaction list an issue links to; an index-only scan
// of transactions_open_failures_idx (failure_issues migration) per signature.

export interface IssueFigures {
  open: number;
  value: Money[]; // per currency, never added across currencies
  sites: string[];
  workflows: string[];
}

export const NO_FIGURES: IssueFigures = { open: 0, value: [], sites: [], workflows: [] };

interface Row {
  signature: string;
  currency: string | null;
  n: number;
  amount: string | null;
  sites: string[] | null;
  workflows: string[] | null;
}

export async function readIssueFigures(
  pool: Pool,
  signatures: readonly string[],
  scope: SiteScope,
): Promise<Map<string, IssueFigures>> {
  if (signatures.length === 0) return new Map();
  const scoped = scope.kind === "sites";
  // Sites and workflows are looked up after grouping: a few ids per group, not one join per row.
  const { rows } = await pool.query<Row>(
    `SELECT g.signature, g.currency, g.n, g.amount,
            (SELECT array_agg(s.code ORDER BY s.code) FROM sites s WHERE s.id = ANY(g.site_ids)) AS sites,
            (SELECT array_agg(w.name ORDER BY w.name) FROM workflows w WHERE w.id = ANY(g.workflow_ids)) AS workflows
     FROM (
       SELECT t.error_signature AS signature, t.value_currency AS currency, count(*)::int AS n, sum(t.value_amount)::text AS amount,
              array_agg(DISTINCT t.site_id) AS site_ids, array_agg(DISTINCT t.workflow_id) AS workflow_ids
       FROM transactions t
       WHERE t.status IN ('failed', 'dead_lettered') AND t.error_signature = ANY($1::text[])
         AND ($2::boolean = false OR t.site_id IN (SELECT id FROM sites WHERE code = ANY($3::text[])))
       GROUP BY 1, 2
     ) g`,
    [signatures, scoped, scoped ? scope.sites : []],
  );
  const grouped = new Map<string, Row[]>();
  for (const r of rows) grouped.set(r.signature, [...(grouped.get(r.signature) ?? []), r]);
  return new Map(
    [...grouped].map(([signature, rs]) => [
      signature,
      {
        open: rs.reduce((n, r) => n + r.n, 0),
        value: sumByCurrency(rs.map((r) => ({ amount: r.amount, currency: r.currency }))),
        sites: [...new Set(rs.flatMap((r) => r.sites ?? []))].sort(),
        workflows: [...new Set(rs.flatMap((r) => r.workflows ?? []))].sort(),
      },
    ]),
  );
}

// Which issues a person sees: all for unscoped roles, else those seen at one of their sites.
export function issueScopeSql(scope: SiteScope, param: number): { sql: string; values: unknown[] } {
  return scope.kind === "all"
    ? { sql: "true", values: [] }
    : { sql: `i.sites && $${param}::text[]`, values: [[...scope.sites]] };
}
