// The company the simulator plays: the sites, systems and workflows of the demo
// catalogue (lib/services/seed-catalogue.ts), plus what the catalogue does not say
// (traffic shares, which WMS is legacy, currencies). Names come from the catalogue so
// simulated traffic always lands on registered systems and workflows; a rename there
// fails here at load time instead of silently producing "unregistered" traffic.
import { DEMO_SITES, DEMO_SYSTEMS, DEMO_WORKFLOWS } from "@/lib/services/seed-catalogue";
import { HOUR } from "./clock";

export const WORKFLOW = {
  orderRelease: workflow("order_release"),
  masterDataSync: workflow("master_data_sync"),
  inventoryAdjustment: workflow("inventory_adjustment"),
  goodsReceipt: workflow("goods_receipt"),
  pickConfirmation: workflow("pick_confirmation"),
  packConfirmation: workflow("pack_confirmation"),
  shipmentConfirmation: workflow("shipment_confirmation"),
  invoicePosting: workflow("invoice_posting"),
  returns: workflow("returns"),
  inventorySnapshot: workflow("inventory_snapshot"),
} as const;
export type WorkflowName = (typeof WORKFLOW)[keyof typeof WORKFLOW];

export const ERP = systemOfKind("erp");
export const COMMERCE = systemOfKind("commerce");
export const CARRIER = systemOfKind("carrier");
export const EDI_GATEWAY = systemOfKind("edi");

export type SiteCode = "east" | "central" | "south";

export interface SiteProfile {
  code: SiteCode;
  name: string;
  wms: string;
  // share of all flows handled by this site
  share: number;
  // WMS API call time (median ms); the legacy WMS only writes a file record
  wmsLatencyMs: number;
  // share of this site's customers billed in CAD
  cadShare: number;
  // legacy WMS: exchanges CSV files on a fixed cycle instead of calling APIs
  batch: { everyMs: number; outboundPhaseMs: number; inboundPhaseMs: number } | null;
  // single letter used in load numbers
  letter: string;
}

const PROFILES: Record<SiteCode, Omit<SiteProfile, "code" | "name" | "wms">> = {
  east: { share: 0.45, wmsLatencyMs: 110, cadShare: 0, batch: null, letter: "E" },
  central: { share: 0.35, wmsLatencyMs: 260, cadShare: 0, batch: null, letter: "C" },
  // Outbound files (WMS -> ERP) leave at 01:00, 05:00, ...; inbound imports (ERP -> WMS)
  // run two hours later, so both directions wait hours, not seconds.
  south: {
    share: 0.2,
    wmsLatencyMs: 15,
    cadShare: 0.3,
    batch: { everyMs: 4 * HOUR, outboundPhaseMs: 1 * HOUR, inboundPhaseMs: 3 * HOUR },
    letter: "S",
  },
};

export const SITES: readonly SiteProfile[] = DEMO_SITES.map((s) => {
  if (!isSiteCode(s.code)) throw new Error(`sim/landscape: no traffic profile for catalogue site "${s.code}"`);
  const wms = DEMO_SYSTEMS.find((sys) => sys.kind === "wms" && sys.site === s.code);
  if (!wms) throw new Error(`sim/landscape: the catalogue has no WMS for site "${s.code}"`);
  return { code: s.code, name: s.name, wms: wms.name, ...PROFILES[s.code] };
});

export function site(code: SiteCode): SiteProfile {
  const found = SITES.find((s) => s.code === code);
  if (!found) throw new Error(`sim/landscape: unknown site ${code}`);
  return found;
}

// A site by share, from a uniform number in [0, 1).
export function siteFor(u: number): SiteProfile {
  let acc = 0;
  for (const s of SITES) {
    acc += s.share;
    if (u < acc) return s;
  }
  return SITES[SITES.length - 1]!;
}

function isSiteCode(code: string): code is SiteCode {
  return code in PROFILES;
}

function workflow<const N extends string>(name: N): N {
  if (!DEMO_WORKFLOWS.some((w) => w.name === name))
    throw new Error(`sim/landscape: workflow "${name}" is not in the demo catalogue`);
  return name;
}

function systemOfKind(kind: string): string {
  const found = DEMO_SYSTEMS.find((s) => s.kind === kind);
  if (!found) throw new Error(`sim/landscape: the demo catalogue has no system of kind "${kind}"`);
  return found.name;
}
