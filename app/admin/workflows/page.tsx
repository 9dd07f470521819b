import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { CloudEventTypes } from "@/components/admin/workflows/cloudevent-types";
import { CreateWorkflowForm } from "@/components/admin/workflows/create-workflow-form";
import { WorkflowTable } from "@/components/admin/workflows/workflow-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCloudEventTypes } from "@/lib/queries/list-cloudevent-types";
import { listWorkflows } from "@/lib/queries/list-workflows";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  await requirePageActor("admin:workflows");
  const [workflows, cloudEventTypes] = await Promise.all([
    listWorkflows(getPrisma()),
    listCloudEventTypes(getPrisma()),
  ]);
  const unregistered = workflows.filter((w) => !w.registered).length;
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Workflows">
        The kinds of business flow Crossdock tracks, who owns each, and its SLA: a transaction with no progress for
        longer than its workflow&apos;s SLA (or its site&apos;s, where a site has its own) counts as stuck. Events
        naming a workflow that is not here are still accepted; the workflow is added as unregistered for you to
        register.
        {unregistered > 0 ? ` ${unregistered} ${unregistered === 1 ? "is" : "are"} waiting.` : null}
      </AdminHeader>
      <CreateWorkflowForm />
      <WorkflowTable workflows={workflows} />
      <CloudEventTypes types={cloudEventTypes} workflows={workflows.map((w) => w.name)} />
    </div>
  );
}
