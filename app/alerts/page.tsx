import type { Metadata } from "next";
import Link from "next/link";
import { AlertHistory } from "@/components/alerts/alert-history";
import { requirePageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db";
import { listAlertHistory } from "@/lib/queries/alerts/list-alert-history";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

export default async function AlertHistoryPage() {
  const actor = await requirePageActor("alerts:read");
  const alerts = await listAlertHistory(getPool());
  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Alerts</h1>
          <p className="text-sm text-zinc-600">
            Open alerts first, then the latest resolved ones, with every message sent and how it was delivered.
          </p>
        </div>
        {can(actor.role, "admin:alerts") ? (
          <Link href="/admin/alerts" className="text-sm font-medium text-blue-700 hover:underline">
            Manage rules and channels
          </Link>
        ) : null}
      </div>
      <AlertHistory alerts={alerts} />
    </div>
  );
}
