"use client";

import { useState, useTransition } from "react";
import { testReplayEndpointAction } from "@/app/admin/systems/actions";
import type { EndpointCheck } from "@/lib/services/replay/test-replay-endpoint";

// Asks the server to call the saved replay endpoint (health, then HEAD) and shows what
// came back. Tests what is saved, not what is typed: save first.
export function TestEndpointButton({ systemId }: { systemId: number }) {
  const [check, setCheck] = useState<EndpointCheck | { ok: false; summary: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function run() {
    startTransition(async () => {
      const result = await testReplayEndpointAction({ id: systemId }).catch(() => null);
      setCheck(
        result === null
          ? { ok: false, summary: "The server could not be reached." }
          : result.ok
            ? result.data
            : { ok: false, summary: result.message },
      );
    });
  }
  return (
    <div className="flex items-center gap-2 pt-5">
      <button
        type="button"
        onClick={run}
        disabled={pending}
        className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60"
      >
        {pending ? "Testing…" : "Test endpoint"}
      </button>
      {check ? (
        <span role="status" className={`text-xs ${check.ok ? "text-green-800" : "text-red-700"}`}>
          {check.summary}
        </span>
      ) : null}
    </div>
  );
}
