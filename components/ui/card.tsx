import type { ReactNode } from "react";

export interface CardProps {
  title: string;
  // A line under the title: what the figure counts, over which window.
  description?: ReactNode;
  // Right side of the header: "updated 12s ago", an export link, a toggle.
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

// The frame every dashboard card shares. A titled region, so screen readers can jump between cards.
export function Card({ title, description, actions, children, className = "" }: CardProps) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      className={`flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 ${className}`}
    >
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={id} className="text-sm font-semibold text-zinc-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-zinc-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-3 text-xs text-zinc-500">{actions}</div> : null}
      </header>
      <div className="min-w-0 flex-1">{children}</div>
    </section>
  );
}
