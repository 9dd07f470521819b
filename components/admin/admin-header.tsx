import Link from "next/link";
import type { ReactNode } from "react";

// Title of an admin page with the way back to the admin index.
export function AdminHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <nav aria-label="Breadcrumb" className="text-xs text-zinc-500">
        <Link href="/admin" className="hover:text-zinc-900 hover:underline">
          Admin
        </Link>
        <span aria-hidden="true"> / </span>
      </nav>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      {children ? <div className="max-w-3xl text-sm text-zinc-600">{children}</div> : null}
    </div>
  );
}
