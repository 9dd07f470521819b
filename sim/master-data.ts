// The company's master data: items, customers, suppliers, carriers. Derived from fixed
// hashes (not the traffic seed), so an SKU or a customer looks the same in every run
// and in every flow that mentions it.

import { SITES, type SiteCode } from "./landscape";
import { fmix32, mix, type Rng, unit } from "./random";

export interface Sku {
  index: number;
  id: string;
  uom: "EA" | "CS";
  caseQty: number; // units per case (1 for EA items)
  unitPrice: number; // USD per uom
  unitCost: number;
}

export interface Customer {
  index: number;
  id: string;
  site: SiteCode;
  currency: "USD" | "CAD";
  // partner that sends orders and receives invoices over EDI, if any
  ediPartner: string | null;
  city: string;
  region: string;
  country: "US" | "CA";
}

const SKU_COUNT = 800;
const CUSTOMER_COUNT = 600;
const SUPPLIER_COUNT = 120;

export const SKUS: readonly Sku[] = Array.from({ length: SKU_COUNT }, (_, i) => {
  const h = fmix32(0x5c0 + i);
  const cs = i % 3 === 0;
  const base = Math.round(Math.exp(1.8 + 3.2 * unit(h)) * 100) / 100; // ~6 to ~150 per unit
  const caseQty = cs ? ([6, 12, 24][i % 9 === 0 ? 2 : i % 2] ?? 12) : 1;
  const unitPrice = Math.round(base * caseQty * 100) / 100;
  return {
    index: i,
    id: `SKU-${10001 + i}`,
    uom: cs ? "CS" : "EA",
    caseQty,
    unitPrice,
    unitCost: Math.round(unitPrice * 0.62 * 100) / 100,
  };
});

// Case-managed items whose CS -> EA conversion is missing in the middleware mapping
// (scenario 2). Popular items, so the failures show up every hour.
export const UOM_PROBLEM_SKUS: readonly string[] = [6, 21, 33, 57, 90, 141].map((i) => SKUS[i]!.id);

export function skuById(id: string): Sku | undefined {
  const n = Number(id.slice(4)) - 10001;
  return SKUS[n]?.id === id ? SKUS[n] : undefined;
}

// Popular items sell more: index ~ N * u^2 favours the low numbers.
export function popularSku(rng: Rng): Sku {
  const u = rng.next();
  return SKUS[Math.floor(SKU_COUNT * u * u)]!;
}

const US_CITIES: readonly [string, string][] = [
  ["Newark", "NJ"],
  ["Columbus", "OH"],
  ["Atlanta", "GA"],
  ["Dallas", "TX"],
  ["Memphis", "TN"],
  ["Charlotte", "NC"],
  ["Chicago", "IL"],
  ["Louisville", "KY"],
  ["Houston", "TX"],
  ["Orlando", "FL"],
];
const CA_CITIES: readonly [string, string][] = [
  ["Toronto", "ON"],
  ["Montreal", "QC"],
  ["Calgary", "AB"],
  ["Vancouver", "BC"],
];

export const CUSTOMERS: readonly Customer[] = Array.from({ length: CUSTOMER_COUNT }, (_, i) => {
  const h = fmix32(0xc057 + i);
  let acc = 0;
  const u = unit(h);
  const site = SITES.find((s) => u < (acc += s.share)) ?? SITES[SITES.length - 1]!;
  const cad = unit(mix(h, 1)) < site.cadShare;
  const [city, region] = (cad ? CA_CITIES : US_CITIES)[mix(h, 2) % (cad ? CA_CITIES.length : US_CITIES.length)]!;
  return {
    index: i,
    id: `C-${10001 + i}`,
    site: site.code,
    currency: cad ? "CAD" : "USD",
    ediPartner: unit(mix(h, 3)) < 0.25 ? `EDI-${String(100 + (i % 80)).padStart(4, "0")}` : null,
    city,
    region,
    country: cad ? "CA" : "US",
  };
});

const CUSTOMERS_BY_SITE = new Map<SiteCode, Customer[]>(
  SITES.map((s) => [s.code, CUSTOMERS.filter((c) => c.site === s.code)]),
);

export function customerAt(siteCode: SiteCode, rng: Rng): Customer {
  return rng.pick(CUSTOMERS_BY_SITE.get(siteCode) ?? CUSTOMERS);
}

// Direct (commerce) orders are billed to one web-store account per site.
const WEB_STORE_ACCOUNTS = new Map<SiteCode, Customer>(
  SITES.map((s, i) => [
    s.code,
    {
      index: CUSTOMER_COUNT + i,
      id: `C-9000${i + 1}`,
      site: s.code,
      currency: "USD",
      ediPartner: null,
      city: "Web",
      region: "US",
      country: "US",
    },
  ]),
);

export function webStoreAccount(siteCode: SiteCode): Customer {
  return WEB_STORE_ACCOUNTS.get(siteCode)!;
}

export function supplierId(rng: Rng): string {
  return `V-${20001 + rng.int(0, SUPPLIER_COUNT - 1)}`;
}

// Storage location of an item at a site: aisle-bay-level, fixed per (site, item).
export function locationOf(siteCode: SiteCode, sku: Sku): string {
  const h = mix(fmix32(siteCode.charCodeAt(0)), sku.index);
  const aisle = String.fromCharCode(65 + (h % 18));
  return `${aisle}-${String(1 + ((h >>> 8) % 40)).padStart(2, "0")}-${1 + ((h >>> 16) % 5)}`;
}

export const LTL_CARRIERS: readonly { name: string; scac: string }[] = [
  { name: "Estes Express", scac: "EXLA" },
  { name: "Old Dominion", scac: "ODFL" },
  { name: "XPO Logistics", scac: "CNWY" },
  { name: "Saia", scac: "SAIA" },
];
