import type { PrismaClient } from "@/lib/generated/prisma/client";

// Every system for the admin list, by name, with its site and how many API keys send as
// it. Pickers that only need names use list-system-names.ts.
export interface SystemListItem {
  id: number;
  name: string;
  kind: string;
  siteCode: string | null;
  replayEndpoint: string | null;
  replay: {
    authHeaderSet: boolean;
    timeoutMs: number;
    recordCheckUrl: string | null;
    concurrency: number;
    ratePerSecond: number;
  };
  activeApiKeys: number;
  apiKeys: number; // revoked ones included
  createdAt: string;
}

export async function listSystems(prisma: PrismaClient): Promise<SystemListItem[]> {
  const [systems, active] = await Promise.all([
    prisma.system.findMany({
      select: {
        id: true,
        name: true,
        kind: true,
        replayEndpoint: true,
        createdAt: true,
        replayAuthHeader: true,
        replayTimeoutMs: true,
        recordCheckUrl: true,
        replayConcurrency: true,
        replayRatePerSecond: true,
        site: { select: { code: true } },
        _count: { select: { apiKeys: true } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.apiKey.groupBy({ by: ["systemId"], where: { revokedAt: null }, _count: { _all: true } }),
  ]);
  const activeBySystem = new Map(active.map((a) => [a.systemId, a._count._all]));
  return systems.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    siteCode: s.site?.code ?? null,
    replayEndpoint: s.replayEndpoint,
    // The header itself never leaves the server: the screen shows "set" or "not set".
    replay: {
      authHeaderSet: s.replayAuthHeader !== null,
      timeoutMs: s.replayTimeoutMs,
      recordCheckUrl: s.recordCheckUrl,
      concurrency: s.replayConcurrency,
      ratePerSecond: s.replayRatePerSecond,
    },
    activeApiKeys: activeBySystem.get(s.id) ?? 0,
    apiKeys: s._count.apiKeys,
    createdAt: s.createdAt.toISOString(),
  }));
}
