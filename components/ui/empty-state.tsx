import type { ReactNode } from "react";

// Nothing to show is an answer too: say what was looked for, and what to try.
export function EmptyState({
  title,
  description,
  action,
  compact = false,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div
      data-testid="empty-state"
      className={`rounded-lg border border-dashed border-zinc-300 bg-white text-center ${compact ? "px-4 py-6" : "px-6 py-12"}`}
    >
      <h2 className="text-sm font-medium text-zinc-900">{title}</h2>
      {description ? <div className="mx-auto mt-1 max-w-xl text-sm text-zinc-600">{description}</div> : null}
      {action ? <div className="mt-3 text-sm">{action}</div> : null}
    </div>
  );
}
