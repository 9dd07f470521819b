// SIMULATION, not product code. Switching scenarios while the demo runs, from the demo's
// keyboard (IPC) or over HTTP:
//
//   curl localhost:3401/scenarios
//   curl -X POST localhost:3401/scenarios/customerMaster -d '{"enabled": false}'   # "fixed"
//
// Fixing the customer master also tells the replay target (the stand-in middleware and
// ERP), so replays of the piled-up confirmations succeed from then on.
import { createServer, type Server } from "node:http";
import { z } from "zod";
import { type LiveTraffic, SCENARIOS, type ScenarioKey } from "../generate";
import { isScenarioActive } from "../scenarios";

const scenarioKeys = SCENARIOS.map((s) => s.key) as [ScenarioKey, ...ScenarioKey[]];
export const scenarioSwitchSchema = z.object({ key: z.enum(scenarioKeys), enabled: z.boolean() });
export type ScenarioSwitch = z.infer<typeof scenarioSwitchSchema>;

export interface ReplayTargetLink {
  url: string;
  token: string;
}

export async function switchScenario(
  live: LiveTraffic,
  change: ScenarioSwitch,
  replayTarget: ReplayTargetLink | null,
): Promise<string> {
  live.setScenario(change.key, change.enabled);
  const scenario = SCENARIOS.find((s) => s.key === change.key)!;
  if (replayTarget && scenario.errorCode) {
    const body = change.enabled ? { broken: [scenario.errorCode] } : { fixed: [scenario.errorCode] };
    await fetch(new URL("/control", replayTarget.url), {
      method: "POST",
      headers: { authorization: `Bearer ${replayTarget.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => undefined);
  }
  return `simulator: scenario ${scenario.id} (${scenario.title}) ${change.enabled ? "started" : "fixed"} at ${live.cursor.toISOString()}`;
}

export function scenarioState(live: LiveTraffic) {
  return SCENARIOS.map((s) => ({
    id: s.id,
    key: s.key,
    title: s.title,
    active: isScenarioActive(live.settings, s.key, live.cursor),
  }));
}

export function startControlServer(
  port: number,
  live: LiveTraffic,
  replayTarget: ReplayTargetLink | null,
  log: (line: string) => void,
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/scenarios") return reply(200, { scenarios: scenarioState(live) });
    const match = /^\/scenarios\/([A-Za-z]+)$/.exec(url.pathname);
    if (req.method !== "POST" || !match)
      return reply(404, {
        error: { status: 404, message: 'Routes: GET /scenarios, POST /scenarios/{key} with {"enabled": true|false}' },
      });
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      let body: unknown;
      try {
        body = JSON.parse(text || "{}");
      } catch {
        return reply(400, { error: { status: 400, message: 'Body must be JSON such as {"enabled": false}' } });
      }
      const parsed = scenarioSwitchSchema.safeParse({ ...(body as object), key: match[1] });
      if (!parsed.success) return reply(400, { error: { status: 400, message: z.prettifyError(parsed.error) } });
      void switchScenario(live, parsed.data, replayTarget).then((line) => {
        log(line);
        reply(200, { scenarios: scenarioState(live) });
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
