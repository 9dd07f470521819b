import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The workflows and sites a user can filter by. Includes the ones auto-registered at
// ingest (registered = false), because their transactions are exactly the ones to find.
export interface Catalogue {
  workflows: { name: string; registered: boolean }[];
  sites: { code: string; registered: boolean }[];
}

export async function listCatalogue(prisma: PrismaClient, scope: SiteScope = ALL_SITES): Promise<Catalogue> {
  const [workflows, sites] = await Promise.all([
    prisma.workflow.findMany({ select: { name: true, registered: true }, orderBy: { name: "asc" } }),
    prisma.site.findMany({
      select: { code: true, registered: true },
      where: scope.kind === "all" ? {} : { code: { in: [...scope.sites] } },
      orderBy: { code: "asc" },
    }),
  ]);
  return { workflows, sites };
}
