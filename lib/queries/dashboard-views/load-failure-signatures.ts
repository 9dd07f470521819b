import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { type FailureSignatures, getFailureSignatures } from "@/lib/queries/dashboard/get-failure-signatures";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// The Failures view's data for one person: their sites only, values only for roles that may see them.
export type FailureSignaturesView = Serialized<FailureSignatures> & { valuesVisible: boolean };

export async function loadFailureSignatures(
  db: DashboardDb,
  actor: Pick<Actor, "role" | "scope">,
  params: DashboardParams,
  now = new Date(),
): Promise<FailureSignaturesView> {
  const failures = await getFailureSignatures(db, viewFilter(params, now), actor.scope);
  const valuesVisible = can(actor.role, "values:read");
  const shown = valuesVisible
    ? failures
    : { ...failures, signatures: failures.signatures.map((s) => ({ ...s, value: [] })) };
  return { ...serialize(shown), valuesVisible };
}
