import type { TransactionSummary } from "@/lib/queries/transaction-summary";
import type { Actor } from "./actor";
import { can } from "./permissions";

// Fields some roles may not see are removed on the server, so they never reach the browser.
export function visibleTransaction(t: TransactionSummary, actor: Actor): TransactionSummary {
  return can(actor.role, "values:read") ? t : { ...t, value: null };
}
