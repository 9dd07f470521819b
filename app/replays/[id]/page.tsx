import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { type BulkProgressJson, BulkReplayProgress } from "@/components/replay/bulk-replay-progress";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPool } from "@/lib/db";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bulk replay" };

// One bulk replay: progress, per-item results, cancel. The client component keeps it fresh.
export default async function BulkReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("transactions:replay");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const bulk = await getBulkReplay(getPool(), id.data, 200, actor.scope);
  if (!bulk) notFound();
  const initial: BulkProgressJson = {
    ...bulk,
    createdAt: bulk.createdAt.toISOString(),
    finishedAt: bulk.finishedAt?.toISOString() ?? null,
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Bulk replay</h1>
      <BulkReplayProgress initial={initial} />
    </div>
  );
}
