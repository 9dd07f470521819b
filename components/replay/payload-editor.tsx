"use client";

import { useId } from "react";
import { parseJsonEdit } from "@/lib/domain/parse-json-edit";

// The edit-and-replay editor: plain JSON in a textarea, checked as you type, with the
// line and column of the first problem. The original payload is never changed; what is
// typed here is sent instead, and the audit log records the difference.
export function PayloadEditor({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const id = useId();
  const check = parseJsonEdit(text);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        Payload to send (JSON)
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        rows={14}
        spellCheck={false}
        aria-invalid={!check.ok}
        aria-describedby={`${id}-check`}
        className="rounded-md border border-zinc-300 p-2 font-mono text-xs focus:border-blue-600 focus:outline-none aria-[invalid=true]:border-red-500"
      />
      <p
        id={`${id}-check`}
        className={`text-xs ${check.ok ? "text-zinc-500" : "text-red-700"}`}
        role={check.ok ? undefined : "alert"}
      >
        {check.ok ? "Valid JSON." : check.message}
      </p>
    </div>
  );
}
