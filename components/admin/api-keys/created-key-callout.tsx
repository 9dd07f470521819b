"use client";

import { useState } from "react";
import type { CreatedApiKeyView } from "@/app/admin/api-keys/actions";
import { Callout } from "@/components/ui/callout";

// The plaintext key exists only in this component's memory: Crossdock stores its hash,
// so once this is dismissed or the page is left, nobody can show it again.
export function CreatedKeyCallout({ created, onDone }: { created: CreatedApiKeyView; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <Callout tone="warning" title={`New key for ${created.systemName}: copy it now`}>
      <p>
        This is the only time the key is shown. Crossdock keeps only a hash of it; if it is lost, revoke it and create
        another.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="created-api-key"
          className="select-all break-all rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs text-zinc-900"
        >
          {created.key}
        </code>
        <button
          type="button"
          onClick={copy}
          className="rounded-md bg-zinc-900 px-3 py-1 text-xs font-medium text-white hover:bg-zinc-700"
        >
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-50"
        >
          I have stored it
        </button>
      </div>
      {copied === "failed" ? (
        <p className="mt-1 text-xs">The browser did not allow copying; select the key and copy it by hand.</p>
      ) : null}
      <p className="mt-2 text-xs">
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. It is listed below by its
        prefix <code className="font-mono">{created.prefix}</code>.
      </p>
    </Callout>
  );
}
