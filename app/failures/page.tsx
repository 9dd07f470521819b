import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { ComingSoonView } from "@/components/dashboard/coming-soon-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Failures" };

export default async function FailuresPage() {
  const actor = await requirePageActor("transactions:read");
  return <ComingSoonView title="Failures" question="Open failures grouped by error signature, with the layer they fail in, their count, first and last seen, and the value affected." catalogue={await listCatalogue(getPrisma(), actor.scope)} />;
}
