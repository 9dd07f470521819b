import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { ComingSoonView } from "@/components/dashboard/coming-soon-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stuck work" };

export default async function StuckWorkPage() {
  const actor = await requirePageActor("transactions:read");
  return <ComingSoonView title="Stuck work" question="Which transactions of your sites are stuck beyond their workflow's SLA, why, and since when - grouped so a whole group can be replayed." catalogue={await listCatalogue(getPrisma(), actor.scope)} />;
}
