// The content of a sales order: who ordered what, and what the warehouse actually picked.
import type { SiteProfile } from "../landscape";
import { type Customer, customerAt, popularSku, type Sku, webStoreAccount } from "../master-data";
import type { Rng } from "../random";

export interface Line {
  sku: Sku;
  qty: number;
  picked: number;
}

export type Channel = "web" | "edi" | "b2b";

export interface SalesOrder {
  serial: string;
  orderId: string;
  site: SiteProfile;
  customer: Customer;
  channel: Channel;
  lines: Line[];
}

export function drawSalesOrder(serial: string, site: SiteProfile, rng: Rng): SalesOrder {
  const web = rng.chance(0.2);
  const customer = web ? webStoreAccount(site.code) : customerAt(site.code, rng);
  const count = web ? rng.int(1, 2) : rng.int(1, 5);
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) {
    const sku = popularSku(rng);
    if (lines.some((l) => l.sku === sku)) continue;
    const qty = web ? rng.int(1, 3) : sku.uom === "CS" ? rng.int(2, 40) : rng.int(6, 240);
    lines.push({ sku, qty, picked: qty });
  }
  return {
    serial,
    orderId: `SO-${serial}`,
    site,
    customer,
    channel: web ? "web" : customer.ediPartner ? "edi" : "b2b",
    lines,
  };
}

// A short pick: one line with at least two units comes up short by a fraction, so
// something still ships. Returns whether a line was short.
export function shortPick(order: SalesOrder, lineDraw: number, fraction: number): boolean {
  const candidates = order.lines.filter((l) => l.qty >= 2);
  const line = candidates[Math.floor(lineDraw * candidates.length)];
  if (!line) return false;
  line.picked = Math.min(line.qty - 1, Math.max(1, Math.floor(line.qty * fraction)));
  return true;
}

export function total(lines: readonly Line[], f: (l: Line) => number): number {
  let sum = 0;
  for (const l of lines) sum += f(l);
  return Math.round(sum * 100) / 100;
}
