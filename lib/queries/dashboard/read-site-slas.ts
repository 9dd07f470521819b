import type { SiteSla } from "@/lib/domain/dashboard/view-sla";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Per-site SLA overrides (workflow_site_slas) of the given workflows, by workflow id.
export async function readSiteSlas(prisma: PrismaClient, workflowIds: number[]): Promise<Map<number, SiteSla[]>> {
  const rows = await prisma.workflowSiteSla.findMany({
    where: { workflowId: { in: workflowIds } },
    select: { workflowId: true, siteId: true, slaMinutes: true, site: { select: { code: true } } },
    orderBy: { site: { code: "asc" } },
  });
  const out = new Map<number, SiteSla[]>();
  for (const r of rows)
    (out.get(r.workflowId) ?? out.set(r.workflowId, []).get(r.workflowId)!).push({
      siteId: r.siteId,
      site: r.site.code,
      slaMinutes: r.slaMinutes,
    });
  return out;
}
