"use client";

import { useState, useTransition } from "react";
import { sendTestNotificationAction } from "@/app/admin/alerts/actions";
import type { SendOutcome } from "@/lib/jobs/alerts/send-notification";

// Sends a test message through the saved channel and shows what came back: the HTTP
// status, the SMTP server's answer, or the error. Tests what is saved: save first.
export function SendTestButton({ channelId }: { channelId: number }) {
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  function run() {
    startTransition(async () => {
      const result = await sendTestNotificationAction({ id: channelId }).catch(() => null);
      setOutcome(
        result === null
          ? { ok: false, response: "The server could not be reached." }
          : result.ok
            ? result.data
            : { ok: false, response: result.message },
      );
    });
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={run}
        disabled={pending}
        className="h-8 whitespace-nowrap rounded-md border border-zinc-300 bg-white px-3 text-xs font-medium hover:bg-zinc-50 disabled:opacity-60"
      >
        {pending ? "Sending…" : "Send test"}
      </button>
      {outcome ? (
        <span
          role="status"
          data-outcome={outcome.ok ? "ok" : "failed"}
          className={`max-w-xs break-words text-xs ${outcome.ok ? "text-green-800" : "text-red-700"}`}
        >
          {outcome.ok ? "Delivered: " : "Failed: "}
          {outcome.response}
        </span>
      ) : null}
    </div>
  );
}
