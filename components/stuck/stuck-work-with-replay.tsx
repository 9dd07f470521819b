"use client";

import { BulkReplayButton } from "@/components/replay/bulk-replay-button";
import { StuckWorkView } from "@/components/stuck/stuck-work-view";
import type { Catalogue } from "@/lib/queries/list-catalogue";

// Stuck work with a "Replay group" button per group for roles that may replay. The group
// is replayed through the same bulk replay as a filtered transaction list (estimate, reason,
// progress page), selected by the group's workflow, site, status and error signature.
// A client component because the button is handed down as a render function.
export function StuckWorkWithReplay({
  catalogue,
  canReplay,
  canForce,
}: {
  catalogue: Catalogue;
  canReplay: boolean;
  canForce: boolean;
}) {
  return (
    <StuckWorkView
      catalogue={catalogue}
      renderGroupActions={
        canReplay
          ? (group) => (
              <BulkReplayButton
                label="Replay group…"
                canForce={canForce}
                filters={{
                  workflow: group.workflow,
                  site: group.site ?? undefined,
                  status: group.cause.status,
                  errorSignature: group.errorSignature ?? undefined,
                }}
              />
            )
          : undefined
      }
    />
  );
}
