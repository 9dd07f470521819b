import type { PrismaClient } from "@/lib/generated/prisma/client";

// The payload paths masked at ingest, alphabetically (the order ingest reads them in).
export interface RedactionRuleListItem {
  id: number;
  path: string;
  createdBy: string;
  createdAt: string;
}

export async function listRedactionRules(prisma: PrismaClient): Promise<RedactionRuleListItem[]> {
  const rules = await prisma.redactionRule.findMany({ orderBy: { path: "asc" } });
  return rules.map((r) => ({ id: r.id, path: r.path, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() }));
}
