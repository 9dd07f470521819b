import type { ReactNode } from "react";

const TONES = {
  info: "border-zinc-200 bg-white text-zinc-700",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-900",
} as const;

export function Callout({
  tone = "info",
  title,
  children,
}: {
  tone?: keyof typeof TONES;
  title: string;
  children?: ReactNode;
}) {
  return (
    <section className={`rounded-lg border px-4 py-3 ${TONES[tone]}`}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {children ? <div className="mt-1 text-sm">{children}</div> : null}
    </section>
  );
}
