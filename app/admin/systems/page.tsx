import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { CreateSystemForm } from "@/components/admin/systems/create-system-form";
import { SystemTable } from "@/components/admin/systems/system-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { listSystems } from "@/lib/queries/list-systems";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Systems" };

export default async function SystemsPage() {
  await requirePageActor("admin:systems");
  const prisma = getPrisma();
  const [systems, catalogue] = await Promise.all([listSystems(prisma), listCatalogue(prisma)]);
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Systems">
        The applications that send and receive messages: WMS, ERP, commerce, carriers, EDI partners and the middleware
        between them. API keys send as one system; renaming a system keeps its keys working. The replay endpoint is how
        Crossdock asks the middleware to redeliver.
      </AdminHeader>
      <CreateSystemForm sites={catalogue.sites} />
      <SystemTable systems={systems} sites={catalogue.sites} />
    </div>
  );
}
