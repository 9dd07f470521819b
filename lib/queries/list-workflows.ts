import type { PrismaClient } from "@/lib/generated/prisma/client";

// The workflow catalogue for the admin list: the ones first seen at ingest (not yet
// registered) first, as they wait for an admin, then by name. Reads only the catalogue,
// never the transactions table.
export interface WorkflowListItem {
  id: number;
  name: string;
  description: string | null;
  sourceKind: string | null;
  targetKind: string | null;
  owner: string | null;
  systemOfRecord: string | null;
  slaMinutes: number;
  // per-site overrides of slaMinutes, by site code
  siteSlas: Record<string, number>;
  registered: boolean;
  createdAt: string;
}

export async function listWorkflows(prisma: PrismaClient): Promise<WorkflowListItem[]> {
  const workflows = await prisma.workflow.findMany({
    select: {
      id: true,
      name: true,
      description: true,
      sourceKind: true,
      targetKind: true,
      owner: true,
      systemOfRecord: true,
      slaMinutes: true,
      siteSlas: { select: { slaMinutes: true, site: { select: { code: true } } }, orderBy: { site: { code: "asc" } } },
      registered: true,
      createdAt: true,
    },
    orderBy: [{ registered: "asc" }, { name: "asc" }],
  });
  return workflows.map((w) => ({
    ...w,
    siteSlas: Object.fromEntries(w.siteSlas.map((o) => [o.site.code, o.slaMinutes])),
    createdAt: w.createdAt.toISOString(),
  }));
}
