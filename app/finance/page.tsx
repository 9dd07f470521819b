import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { ComingSoonView } from "@/components/dashboard/coming-soon-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Finance" };

export default async function FinancePage() {
  const actor = await requirePageActor("financials:read");
  return <ComingSoonView title="Finance" question="Which shipped loads are not yet posted to invoicing, what value is waiting, and how long shipment-to-invoice is taking." catalogue={await listCatalogue(getPrisma(), actor.scope)} />;
}
