import type { PrismaClient } from "@/lib/generated/prisma/client";

// Names of the registered systems, for pickers (e.g. which system an API key sends as).
export async function listSystemNames(prisma: PrismaClient): Promise<string[]> {
  const systems = await prisma.system.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return systems.map((s) => s.name);
}
