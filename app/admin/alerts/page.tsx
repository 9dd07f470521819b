import type { Metadata } from "next";
import Link from "next/link";
import { AdminHeader } from "@/components/admin/admin-header";
import { CreateChannelForm } from "@/components/alerts/channel-forms";
import { ChannelTable } from "@/components/alerts/channel-table";
import { CreateRuleForm } from "@/components/alerts/rule-forms";
import { RuleTable } from "@/components/alerts/rule-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDatabase } from "@/lib/db";
import { listAlertChannels, listAlertRules } from "@/lib/queries/alerts/list-alert-config";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { listSystemNames } from "@/lib/queries/list-system-names";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsAdminPage() {
  await requirePageActor("admin:alerts");
  const { pool, prisma } = getDatabase();
  const [channels, rules, catalogue, systems] = await Promise.all([
    listAlertChannels(pool),
    listAlertRules(pool),
    listCatalogue(prisma),
    listSystemNames(prisma),
  ]);
  const choices = {
    workflows: catalogue.workflows.map((w) => w.name),
    sites: catalogue.sites.map((s) => s.code),
    systems,
    channels: channels.map((c) => ({ id: c.id, name: c.name })),
  };
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Alerts">
        Rules the worker checks every minute: a failure rate, stuck work, p95 latency over the SLA, or a source system
        gone quiet. An alert is sent once when a rule starts firing, repeated while it stays open, and followed by a
        recovery message. See the{" "}
        <Link href="/alerts" className="text-blue-700 hover:underline">
          alert history
        </Link>
        .
      </AdminHeader>
      <h2 className="text-lg font-semibold">Channels</h2>
      <CreateChannelForm />
      <ChannelTable channels={channels} />
      <h2 className="text-lg font-semibold">Rules</h2>
      <CreateRuleForm choices={choices} />
      <RuleTable rules={rules} choices={choices} />
    </div>
  );
}
