import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { ApiKeyTable } from "@/components/admin/api-keys/api-key-table";
import { CreateApiKeyForm } from "@/components/admin/api-keys/create-api-key-form";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listApiKeys } from "@/lib/queries/list-api-keys";
import { listSystemNames } from "@/lib/queries/list-system-names";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePageActor("admin:api_keys");
  const prisma = getPrisma();
  const [keys, systems] = await Promise.all([listApiKeys(prisma), listSystemNames(prisma)]);
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="API keys">
        Each key sends as one system. Replay and resolve keys let automation replay, resolve and cancel as people do,
        within the key's sites, named in the audit log by the key's prefix. Keys are stored as hashes: the key itself is
        shown once, when it is created. Revoking a key refuses it at once.
      </AdminHeader>
      <CreateApiKeyForm systems={systems} />
      <ApiKeyTable keys={keys} now={new Date()} />
    </div>
  );
}
