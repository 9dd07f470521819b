import type { Pool } from "pg";
import { forgetCloudEventTypes } from "@/lib/ingest/cloudevent-type";

// The demo's catalogue: the sites, systems and workflows of docs/domain.md. Idempotent:
// existing rows are left as they are (an admin may have changed them).

export const DEMO_SITES = [
  { code: "east", name: "East DC (modern WMS, APIs)" },
  { code: "central", name: "Central DC" },
  { code: "south", name: "South DC (legacy WMS, CSV batches)" },
];

export const DEMO_SYSTEMS = [
  { name: "wms-east", kind: "wms", site: "east" },
  { name: "wms-central", kind: "wms", site: "central" },
  { name: "wms-legacy-south", kind: "wms", site: "south" },
  { name: "erp-cloud", kind: "erp", site: null },
  { name: "commerce", kind: "commerce", site: null },
  { name: "carrier-ups", kind: "carrier", site: null },
  { name: "edi-gateway", kind: "edi", site: null },
  { name: "middleware", kind: "middleware", site: null },
];

export const DEMO_WORKFLOWS = [
  {
    name: "order_release",
    source: "erp",
    target: "wms",
    owner: "Order management",
    sor: "erp",
    sla: 15,
    description: "ERP releases a sales order to the warehouse",
  },
  {
    name: "master_data_sync",
    source: "erp",
    target: "wms",
    owner: "Master data",
    sor: "erp",
    sla: 60,
    description: "Items, customers and locations from ERP to WMS",
  },
  {
    name: "inventory_adjustment",
    source: "wms",
    target: "erp",
    owner: "Inventory control",
    sor: "wms",
    sla: 30,
    description: "Counts, damages and moves that change on-hand",
  },
  {
    name: "goods_receipt",
    source: "wms",
    target: "erp",
    owner: "Inbound",
    sor: "wms",
    sla: 30,
    description: "Receipts against purchase orders",
  },
  {
    name: "pick_confirmation",
    source: "wms",
    target: "erp",
    owner: "Outbound",
    sor: "wms",
    sla: 30,
    description: "Picked quantities per order line",
  },
  {
    name: "pack_confirmation",
    source: "wms",
    target: "erp",
    owner: "Outbound",
    sor: "wms",
    sla: 30,
    description: "Packed cartons and weights",
  },
  {
    name: "shipment_confirmation",
    source: "wms",
    target: "erp",
    owner: "Outbound",
    sor: "wms",
    sla: 20,
    description: "Shipped loads; triggers invoicing in the ERP",
  },
  {
    name: "invoice_posting",
    source: "erp",
    target: "erp",
    owner: "Finance",
    sor: "erp",
    sla: 60,
    description: "Invoice posted for a shipped load",
  },
  {
    name: "returns",
    source: "wms",
    target: "erp",
    owner: "Customer service",
    sor: "erp",
    sla: 120,
    description: "Customer returns received at the dock",
  },
  {
    name: "inventory_snapshot",
    source: "wms",
    target: "erp",
    owner: "Inventory control",
    sor: "wms",
    sla: 240,
    description: "Daily on-hand per SKU-location, WMS vs ERP",
  },
];

export async function seedCatalogue(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO sites (code, name) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET registered = true`,
    [DEMO_SITES.map((s) => s.code), DEMO_SITES.map((s) => s.name)],
  );
  await pool.query(
    `INSERT INTO systems (name, kind, site_id)
     SELECT s.name, s.kind, sites.id FROM unnest($1::text[], $2::text[], $3::text[]) AS s(name, kind, site)
     LEFT JOIN sites ON sites.code = s.site
     ON CONFLICT (name) DO NOTHING`,
    [DEMO_SYSTEMS.map((s) => s.name), DEMO_SYSTEMS.map((s) => s.kind), DEMO_SYSTEMS.map((s) => s.site)],
  );
  await pool.query(
    `INSERT INTO workflows (name, source_kind, target_kind, owner, system_of_record, sla_minutes, description)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
     ON CONFLICT (name) DO UPDATE SET registered = true`,
    [
      DEMO_WORKFLOWS.map((w) => w.name),
      DEMO_WORKFLOWS.map((w) => w.source),
      DEMO_WORKFLOWS.map((w) => w.target),
      DEMO_WORKFLOWS.map((w) => w.owner),
      DEMO_WORKFLOWS.map((w) => w.sor),
      DEMO_WORKFLOWS.map((w) => w.sla),
      DEMO_WORKFLOWS.map((w) => w.description),
    ],
  );
  forgetCloudEventTypes(pool); // CloudEvents types may name the workflows now
}
