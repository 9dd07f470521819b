import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { Layer, Status } from "@/lib/domain/vocabulary";
import type { DashboardDb } from "./filter";
import { readRows } from "./read-rows";

// Search: one box finds transactions by any reference they carry: business key, order,
// shipment, load or invoice id, the sender's transaction id, Crossdock's uuid or the
// trace id. Every branch is an equality on its own index, so it stays fast at any size.

export const searchQuerySchema = z.string().trim().min(1).max(200);

export const SEARCH_FIELDS = ["businessKey", "orderId", "shipmentId", "loadId", "invoiceId", "externalId", "id", "traceId"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SearchHit {
  id: string;
  externalId: string;
  workflow: string;
  site: string | null;
  status: Status;
  currentLayer: Layer;
  businessKey: string | null;
  lastEventAt: Date;
  matchedOn: SearchField[];
}

interface Row {
  id: string;
  external_id: string;
  workflow: string;
  site: string | null;
  status: Status;
  current_layer: Layer;
  business_key: string | null;
  order_id: string | null;
  shipment_id: string | null;
  load_id: string | null;
  invoice_id: string | null;
  trace_id: string | null;
  last_event_at: Date;
}

// Newest first; at most `limit` hits. A user limited to sites finds only their sites' transactions.
export async function searchTransactions(db: DashboardDb, query: string, scope: SiteScope = ALL_SITES, limit = 50): Promise<SearchHit[]> {
  const q = searchQuerySchema.parse(query);
  const byId = z.uuid().safeParse(q).success ? Prisma.sql`UNION SELECT id FROM transactions WHERE id = ${q}::uuid` : Prisma.empty;
  const scoped = scope.kind === "all" ? Prisma.empty : Prisma.sql`AND s.code = ANY(${[...scope.sites]}::text[])`;
  const rows = await readRows<Row>(db.pool, Prisma.sql`
    SELECT t.id::text, t.external_id, w.name AS workflow, s.code AS site, t.status, t.current_layer, t.business_key,
           t.order_id, t.shipment_id, t.load_id, t.invoice_id, t.trace_id, t.last_event_at
    FROM (
      SELECT id FROM transactions WHERE business_key = ${q}
      UNION SELECT id FROM transactions WHERE order_id = ${q}
      UNION SELECT id FROM transactions WHERE shipment_id = ${q}
      UNION SELECT id FROM transactions WHERE load_id = ${q}
      UNION SELECT id FROM transactions WHERE invoice_id = ${q}
      UNION SELECT id FROM transactions WHERE external_id = ${q}
      UNION SELECT id FROM transactions WHERE trace_id = ${q}
      ${byId}
    ) hit
    JOIN transactions t ON t.id = hit.id
    JOIN workflows w ON w.id = t.workflow_id
    LEFT JOIN sites s ON s.id = t.site_id
    WHERE true ${scoped}
    ORDER BY t.last_event_at DESC, t.id DESC
    LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    workflow: r.workflow,
    site: r.site,
    status: r.status,
    currentLayer: r.current_layer,
    businessKey: r.business_key,
    lastEventAt: r.last_event_at,
    matchedOn: matched(r, q),
  }));
}

function matched(r: Row, q: string): SearchField[] {
  const values: Record<SearchField, string | null> = {
    businessKey: r.business_key,
    orderId: r.order_id,
    shipmentId: r.shipment_id,
    loadId: r.load_id,
    invoiceId: r.invoice_id,
    externalId: r.external_id,
    id: r.id,
    traceId: r.trace_id,
  };
  return SEARCH_FIELDS.filter((k) => values[k] !== null && values[k]!.toLowerCase() === q.toLowerCase());
}
