import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { CreateUserForm } from "@/components/admin/users/create-user-form";
import { UserTable } from "@/components/admin/users/user-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { listUsers } from "@/lib/queries/list-users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("admin:users");
  const prisma = getPrisma();
  const [users, catalogue] = await Promise.all([listUsers(prisma), listCatalogue(prisma)]);
  const knownSites = catalogue.sites.map((s) => s.code);
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Users">
        Role and sites decide what each person sees and may do; changes apply on their next click. A disabled user
        cannot sign in and is signed out at once.
      </AdminHeader>
      <CreateUserForm knownSites={knownSites} />
      <UserTable users={users} actorId={actor.userId} knownSites={knownSites} />
    </div>
  );
}
