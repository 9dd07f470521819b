import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { ComingSoonView } from "@/components/dashboard/coming-soon-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "KPIs" };

export default async function KpisPage() {
  const actor = await requirePageActor("transactions:read");
  return <ComingSoonView title="KPIs" question="Order release latency, shipment-to-invoice cycle time, exception resolution time, manual intervention and failure rates." catalogue={await listCatalogue(getPrisma(), actor.scope)} />;
}
