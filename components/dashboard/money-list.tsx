import type { Money } from "@/lib/domain/dashboard/money";
import { formatMoney } from "@/components/ui/format";

// Money per currency, one line each: amounts of different currencies are never added up.
// `null` means the viewer's role may not see values.
export function MoneyList({ value, empty = "none" }: { value: readonly Money[] | null; empty?: string }) {
  if (value === null) return <span className="text-zinc-400" title="Your role does not show monetary values">hidden</span>;
  if (value.length === 0) return <span className="text-zinc-500">{empty}</span>;
  return (
    <ul className="flex flex-col">
      {value.map((m) => (
        <li key={m.currency} className="tabular-nums">
          {formatMoney(m.amount, m.currency)}
        </li>
      ))}
    </ul>
  );
}
