import type { PrismaClient } from "@/lib/generated/prisma/client";

// The CloudEvents type mapping (lib/ingest/cloudevent-type.ts), by type.
export interface CloudEventTypeListItem {
  type: string;
  workflow: string;
  stage: string | null;
  updatedAt: string;
}

export async function listCloudEventTypes(prisma: PrismaClient): Promise<CloudEventTypeListItem[]> {
  const rows = await prisma.cloudEventType.findMany({
    orderBy: { type: "asc" },
    include: { workflow: { select: { name: true } } },
  });
  return rows.map((r) => ({
    type: r.type,
    workflow: r.workflow.name,
    stage: r.stage,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
