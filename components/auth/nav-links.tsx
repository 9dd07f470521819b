"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { MenuItem } from "./menu-items";

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

// Scrolls sideways instead of wrapping when a tablet is too narrow for every view.
export function NavLinks({ items }: { items: MenuItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mb-px overflow-x-auto">
      <ul className="flex gap-1 text-sm">
        {items.map((i) => {
          const current = isCurrent(pathname, i.href);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block whitespace-nowrap border-b-2 px-3 py-2 ${current ? "border-zinc-900 font-medium text-zinc-950" : "border-transparent text-zinc-600 hover:text-zinc-950"}`}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
