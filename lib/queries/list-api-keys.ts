import type { PrismaClient } from "@/lib/generated/prisma/client";

// Every API key for the admin list, newest first. Never the hash: the prefix identifies a key.
export interface ApiKeyListItem {
  id: number;
  prefix: string;
  name: string | null;
  system: string;
  scopes: string[];
  sites: string[]; // empty: every site
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeyListItem[]> {
  const keys = await prisma.apiKey.findMany({
    select: {
      id: true,
      prefix: true,
      name: true,
      scopes: true,
      sites: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      system: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return keys.map((k) => ({
    id: k.id,
    prefix: k.prefix,
    name: k.name,
    system: k.system.name,
    scopes: k.scopes,
    sites: k.sites,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}
