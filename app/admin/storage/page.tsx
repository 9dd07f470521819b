import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { RetentionRuns } from "@/components/admin/storage/retention-runs";
import { RetentionSettingsForm } from "@/components/admin/storage/retention-settings-form";
import { StorageTables } from "@/components/admin/storage/storage-tables";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPool } from "@/lib/db";
import { getStorageOverview } from "@/lib/queries/get-storage-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  await requirePageActor("admin:storage");
  const overview = await getStorageOverview(getPool());
  const { policy } = overview;
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Storage">
        Events and payloads are stored in one partition per day. The worker creates the coming days ahead and, once a
        day is past its retention, writes it to the archive and drops it whole. Open work (unfinished or failed
        transactions, loads not yet invoiced, failures of an open issue) is kept whatever its age.
      </AdminHeader>
      <RetentionSettingsForm
        payloadDays={policy.payloadDays}
        eventDays={policy.eventDays}
        rollupDays={policy.rollupDays}
        updatedBy={policy.updatedBy}
      />
      <StorageTables overview={overview} />
      <RetentionRuns runs={overview.runs} />
    </div>
  );
}
