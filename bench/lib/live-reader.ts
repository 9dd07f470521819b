// The person watching the dashboards during bench:live: every dashboard route polled every
// `periodMs`, the routes spread evenly over the period, as a signed-in engineer (a session
// cookie minted with the app's NEXTAUTH_SECRET, as next-auth's JWT sessions are).
import { encode } from "next-auth/jwt";

export const ROUTES: { name: string; path: string; rollups: boolean }[] = [
  { name: "overview", path: "/api/dashboard/overview?range=1h", rollups: true },
  { name: "workflow detail", path: "/api/dashboard/workflows/shipment_confirmation?range=1h", rollups: true },
  { name: "stuck", path: "/api/dashboard/stuck?range=24h", rollups: false },
  { name: "finance", path: "/api/dashboard/unposted-loads?range=24h", rollups: true },
  { name: "failures", path: "/api/dashboard/failures?range=24h", rollups: true },
  { name: "KPIs", path: "/api/dashboard/kpis?range=24h", rollups: true },
  { name: "search", path: "/api/search?q=SHP-7000123", rollups: false },
];

export interface Reading {
  route: string;
  sentAt: number; // epoch ms
  at: number; // epoch ms, answer received
  ms: number;
  status: number;
  updatedAt: number | null; // the read model's freshness (rollup routes)
}

export async function sessionCookie(secret: string, user: { id: number; email: string }): Promise<string> {
  const token = await encode({ token: { sub: String(user.id), uid: user.id, email: user.email, name: null }, secret });
  return `next-auth.session-token=${token}`;
}

export interface Reader {
  readings: Reading[];
  stop(): Promise<void>;
}

export function startReader(baseUrl: string, cookie: string, periodMs: number): Reader {
  const readings: Reading[] = [];
  let stopped = false;
  const loops = ROUTES.map(async (route, k) => {
    await new Promise((r) => setTimeout(r, (periodMs * k) / ROUTES.length));
    while (!stopped) {
      const sentAt = Date.now();
      const t0 = performance.now();
      try {
        const res = await fetch(`${baseUrl}${route.path}`, { headers: { cookie } });
        const text = await res.text();
        const ms = performance.now() - t0;
        let updatedAt: number | null = null;
        if (route.rollups && res.status === 200)
          updatedAt = Date.parse((JSON.parse(text) as { updatedAt: string }).updatedAt);
        readings.push({ route: route.name, sentAt, at: Date.now(), ms, status: res.status, updatedAt });
      } catch {
        readings.push({
          route: route.name,
          sentAt,
          at: Date.now(),
          ms: performance.now() - t0,
          status: 0,
          updatedAt: null,
        });
      }
      const next = sentAt + periodMs - Date.now();
      if (next > 0) await new Promise((r) => setTimeout(r, next));
    }
  });
  return {
    readings,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

// For each acknowledged batch, the time until a dashboard first answered with figures
// folded after it (updatedAt >= the acknowledgement): readings in time order carry a running
// maximum of updatedAt, and both lists only move forward.
export function freshnessLags(ackTimes: number[], readings: Reading[]): (number | null)[] {
  const rs = readings.filter((r) => r.updatedAt !== null).sort((a, b) => a.at - b.at);
  let k = 0;
  let best = -Infinity;
  const order = ackTimes.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number | null>(ackTimes.length).fill(null);
  for (const [t, i] of order) {
    while (best < t && k < rs.length) best = Math.max(best, rs[k++]!.updatedAt!);
    // rs[k - 1] is the first reading whose running maximum covers t
    out[i] = best >= t ? Math.max(0, rs[k - 1]!.at - t) : null;
  }
  return out;
}
