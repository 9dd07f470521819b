import { Fragment } from "react";
import { formatMoney } from "@/components/ui/format";
import type { Money } from "@/lib/domain/dashboard/money";

// A value per currency ("$500.00 · €50.00"): currencies are never added together. Roles
// without values:read get the value removed on the server (`null`, or `visible={false}`
// where the view keeps an empty list); they see that it is hidden, not that it is zero.
export function MoneyList({
  value,
  visible = true,
  empty = "no value",
}: {
  value: readonly Money[] | null;
  visible?: boolean;
  empty?: string;
}) {
  if (!visible || value === null)
    return (
      <span className="text-zinc-400" title="Your role does not see monetary values">
        value hidden
      </span>
    );
  if (value.length === 0) return <span className="text-zinc-400">{empty}</span>;
  return (
    <span className="tabular-nums">
      {value.map((m, i) => (
        // The separator sits outside the unbreakable amount, so two currencies wrap in a narrow column.
        <Fragment key={m.currency}>
          {i > 0 ? <span className="text-zinc-400"> · </span> : null}
          <span className="whitespace-nowrap">{formatMoney(m.amount, m.currency)}</span>
        </Fragment>
      ))}
    </span>
  );
}
