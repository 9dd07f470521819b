import type { ReactNode } from "react";
import { stuckGroupKey } from "./stuck-group-href";
import { type StuckGroup, StuckGroupItem } from "./stuck-group-item";

export interface StuckGroupListProps {
  groups: readonly StuckGroup[];
  valuesVisible: boolean;
  // Slot for per-group actions, e.g. the "Replay group" button: called once per group,
  // its result is shown beside the group's link to its transactions.
  renderGroupActions?: (group: StuckGroup) => ReactNode;
}

// Stuck groups in business-impact order (the server's order: value carried, then work waiting).
export function StuckGroupList({ groups, valuesVisible, renderGroupActions }: StuckGroupListProps) {
  return (
    <ol
      aria-label="Stuck groups, most business impact first"
      className="-mx-4 -mb-4 divide-y divide-zinc-100 border-t border-zinc-100"
    >
      {groups.map((g) => (
        <StuckGroupItem
          key={stuckGroupKey(g)}
          group={g}
          valuesVisible={valuesVisible}
          actions={renderGroupActions?.(g)}
        />
      ))}
    </ol>
  );
}
