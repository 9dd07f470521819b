import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { IssueDetail } from "@/components/issues/issue-detail";
import { requirePageActor } from "@/lib/auth/page-guard";
import { can, ROLES } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db";
import { serialize } from "@/lib/queries/dashboard-views/serialized";
import { getFailureIssue, listIssueOwners } from "@/lib/queries/get-failure-issue";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Issue" };

// One failure issue: its figures, the way to its transactions and their bulk replay, its
// history, and (for issues:manage) acknowledge, resolve and reopen.
export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("transactions:read");
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const pool = getPool();
  const issue = await getFailureIssue(pool, id.data, actor.scope);
  if (!issue) notFound();
  const canManage = can(actor.role, "issues:manage");
  const owners = canManage
    ? await listIssueOwners(
        pool,
        ROLES.filter((r) => can(r, "issues:manage")),
      )
    : [];
  const valuesVisible = can(actor.role, "values:read");
  return (
    <IssueDetail
      issue={serialize(valuesVisible ? issue : { ...issue, value: [] })}
      valuesVisible={valuesVisible}
      canManage={canManage}
      canReplay={can(actor.role, "transactions:replay")}
      canForce={can(actor.role, "transactions:force_replay")}
      owners={owners}
      me={actor.userId}
    />
  );
}
