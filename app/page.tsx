import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { ComingSoonView } from "@/components/dashboard/coming-soon-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePageActor("transactions:read");
  return <ComingSoonView title="Overview" question="Where work is stuck or failing right now, and what it blocks: orders not released, loads not invoiced, inventory not reflected in the ERP." catalogue={await listCatalogue(getPrisma(), actor.scope)} />;
}
