import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { ADMIN_SECTIONS } from "@/components/admin/admin-sections";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

// No single permission guards the index: it lists the sections the actor may open, and
// is refused to anyone who may open none. Each section checks its own permission again.
export default async function AdminPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  const sections = ADMIN_SECTIONS.filter((s) => can(actor.role, s.permission));
  if (sections.length === 0) forbidden();

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-xl font-semibold tracking-tight">Admin</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href} className="relative rounded-lg border border-zinc-200 bg-white p-4 hover:border-zinc-400">
            <h2 className="font-medium">
              <Link
                href={s.href}
                className="text-blue-700 after:absolute after:inset-0 after:content-[''] hover:underline"
              >
                {s.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-zinc-600">{s.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
