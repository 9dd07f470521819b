import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ALL_SITES } from "@/lib/auth/site-scope";
import { sendNotification } from "@/lib/jobs/alerts/send-notification";
import { checkRecord } from "@/lib/jobs/replay/check-record";
import { deliverOne } from "@/lib/jobs/replay/deliver-one";
import type { LeasedReplay } from "@/lib/jobs/replay/lease-replays";
import { OutboundRefusedError } from "@/lib/net/outbound-guard";
import { createAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { testMessage } from "@/lib/services/alerts/send-test-notification";
import { testReplayEndpoint } from "@/lib/services/replay/test-replay-endpoint";
import { updateSystem, updateSystemSchema } from "@/lib/services/save-system";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Every kind of outbound call an admin can point somewhere (replay endpoint, record check,
// alert webhook, Slack, SMTP) refuses loopback, private and link-local addresses, and a
// name that resolves to one, both when the URL is saved and when the call is made; a host
// the operator lists goes through. A listening loopback server proves the refusal is ours,
// not a connection that happened to fail.

process.env.CROSSDOCK_SECRET_KEY ??= Buffer.alloc(32, 3).toString("base64");
process.env.CROSSDOCK_ALLOWED_PRIVATE_HOSTS = "127.0.0.2"; // listed; 127.0.0.1 is not
const admin: Actor = {
  userId: 1,
  email: "admin@example.test",
  name: null,
  role: "admin",
  scope: ALL_SITES,
  permissions: ROLE_PERMISSIONS.admin,
};

let db: TestDatabase;
let systemId: number;
let unlisted: Recorder; // on 127.0.0.1
let listed: Recorder; // on 127.0.0.2

interface Recorder {
  requests: string[]; // "METHOD /path"
  port: number;
  server: Server;
}

async function startRecorder(host: string): Promise<Recorder> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () =>
      res.writeHead(req.url?.startsWith("/records/") ? 404 : 200, { "content-type": "application/json" }).end("{}"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { requests, port: (server.address() as AddressInfo).port, server };
}

beforeAll(async () => {
  db = await createTestDatabase();
  systemId = (
    await db.pool.query<{ id: number }>("INSERT INTO systems (name, kind) VALUES ('erp-guarded', 'erp') RETURNING id")
  ).rows[0]!.id;
  unlisted = await startRecorder("127.0.0.1");
  listed = await startRecorder("127.0.0.2");
});
afterAll(async () => {
  for (const r of [unlisted, listed]) await new Promise((resolve) => r?.server.close(resolve));
  await db?.drop();
});

const ADVICE = "outbound calls to private networks are refused unless CROSSDOCK_ALLOWED_PRIVATE_HOSTS lists it.";
// host (as in a URL) -> the reason given
const refused: [string, () => string, string][] = [
  ["loopback", () => `127.0.0.1:${unlisted.port}`, `127.0.0.1 is a loopback address; ${ADVICE}`],
  ["private", () => "10.1.2.3", `10.1.2.3 is a private address; ${ADVICE}`],
  ["link-local (cloud metadata)", () => "169.254.169.254", `169.254.169.254 is a link-local address; ${ADVICE}`],
  [
    "a name that resolves to loopback",
    () => `localhost:${unlisted.port}`,
    `localhost resolves to 127.0.0.1, a loopback address; ${ADVICE}`,
  ],
  [
    "IPv4-mapped IPv6 loopback",
    () => `[::ffff:7f00:1]:${unlisted.port}`,
    `::ffff:7f00:1 is a loopback address; ${ADVICE}`,
  ],
];

const replay = (endpoint: string, recordCheckUrl: string | null = null): LeasedReplay => ({
  id: "00000000-0000-4000-8000-000000000001",
  transactionId: "00000000-0000-4000-8000-000000000002",
  bulkId: null,
  systemId,
  attempts: 0,
  endpoint,
  authHeader: null,
  timeoutMs: 2000,
  recordCheckUrl,
  limits: { concurrency: 1, ratePerSecond: 10 },
  workflow: "shipment_confirmation",
  businessKey: "SHP-1",
  traceId: null,
  idempotencyKey: "crossdock-guard",
  body: { hello: "world" },
});

async function saveError(save: () => Promise<unknown>): Promise<Record<string, string>> {
  const error = await save().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZodError);
  return Object.fromEntries((error as ZodError).issues.map((i) => [i.path.join("."), i.message]));
}

const saveSystem = (raw: Record<string, unknown>) =>
  updateSystem(db.pool, admin, updateSystemSchema.parse({ id: systemId, ...raw }));
const saveChannel = (raw: Record<string, unknown>) =>
  createAlertChannel(db.pool, admin, createAlertChannelSchema.parse(raw));

describe.each(refused)("refused: %s", (_kind, host, reason) => {
  it("replay endpoint: not saved, not delivered to, not tested", async () => {
    const url = `http://${host()}/replay`;
    expect(await saveError(() => saveSystem({ replayEndpoint: url }))).toEqual({ replayEndpoint: reason });
    expect(await deliverOne(replay(url))).toEqual({
      kind: "transient",
      httpStatus: null,
      message: `Not sent: ${reason}`,
    });
    // Stored before the guard existed, or saved when the name resolved elsewhere.
    await db.pool.query("UPDATE systems SET replay_endpoint = $2 WHERE id = $1", [systemId, url]);
    expect(await testReplayEndpoint(db.pool, systemId)).toMatchObject({
      ok: false,
      endpoint: null,
      summary: `Not called: ${reason}`,
    });
    expect(unlisted.requests).toEqual([]);
  });

  it("record check: not saved, not asked", async () => {
    const url = `http://${host()}/records/{workflow}/{businessKey}`;
    expect(await saveError(() => saveSystem({ recordCheckUrl: url }))).toEqual({ recordCheckUrl: reason });
    await expect(
      checkRecord({
        recordCheckUrl: url,
        workflow: "shipment_confirmation",
        businessKey: "SHP-1",
        authHeader: null,
        timeoutMs: 2000,
      }),
    ).rejects.toThrow(new OutboundRefusedError(reason));
    // Delivery asks the record check first: refused there, nothing is sent to the (listed) endpoint either.
    expect(await deliverOne(replay(`http://127.0.0.2:${listed.port}/replay`, url))).toMatchObject({
      kind: "transient",
      message: `Not sent: ${reason}`,
    });
    expect(unlisted.requests).toEqual([]);
    expect(listed.requests).toEqual([]);
  });

  it("alert webhook and Slack: not saved, not sent", async () => {
    for (const kind of ["webhook", "slack"] as const) {
      const url = `http://${host()}/hook`;
      expect(await saveError(() => saveChannel({ name: `${kind} ${host()}`, kind, url }))).toEqual({ url: reason });
      expect(
        await sendNotification({ kind, url }, testMessage("ops", "https://crossdock.example.test", new Date())),
      ).toEqual({ ok: false, response: reason });
    }
    expect(unlisted.requests).toEqual([]);
  });
});

describe("refused SMTP hosts", () => {
  it("an internal SMTP host is not saved and nothing connects to it", async () => {
    const email = { kind: "email", from: "crossdock@example.test", to: "ops@example.test", port: 25 };
    expect(await saveError(() => saveChannel({ name: "mail", ...email, host: "169.254.169.254" }))).toEqual({
      host: `169.254.169.254 is a link-local address; ${ADVICE}`,
    });
    expect(await saveError(() => saveChannel({ name: "mail", ...email, host: "localhost" }))).toEqual({
      host: `localhost resolves to 127.0.0.1, a loopback address; ${ADVICE}`,
    });
    const settings = {
      host: "10.0.0.25",
      port: 25,
      secure: false,
      user: null,
      from: "crossdock@example.test",
      to: ["ops@example.test"],
    };
    expect(
      await sendNotification(
        { kind: "email", settings, password: null },
        testMessage("mail", "https://crossdock.example.test", new Date()),
      ),
    ).toEqual({ ok: false, response: `10.0.0.25 is a private address; ${ADVICE}` });
  });
});

describe("a listed host", () => {
  it("is saved and called for each kind", async () => {
    const base = `http://127.0.0.2:${listed.port}`;
    expect(
      (
        await saveSystem({
          replayEndpoint: `${base}/replay`,
          recordCheckUrl: `${base}/records/{workflow}/{businessKey}`,
        })
      ).changed.sort(),
    ).toEqual(["recordCheckUrl", "replayEndpoint"]);
    expect(await deliverOne(replay(`${base}/replay`, `${base}/records/{workflow}/{businessKey}`))).toEqual({
      kind: "accepted",
      httpStatus: 200,
    });
    expect(await testReplayEndpoint(db.pool, systemId)).toMatchObject({ ok: true, endpoint: 200, health: 200 });
    const hook = await saveChannel({ name: "listed hook", kind: "webhook", url: `${base}/hook` });
    expect(hook.id).toBeGreaterThan(0);
    expect(
      await sendNotification(
        { kind: "slack", url: `${base}/slack` },
        testMessage("ops", "https://crossdock.example.test", new Date()),
      ),
    ).toMatchObject({ ok: true });
    expect(listed.requests).toEqual([
      "GET /records/shipment_confirmation/SHP-1",
      "POST /replay",
      "GET /health",
      "HEAD /replay",
      "POST /slack",
    ]);
  });

  it("public hosts are not judged by the allowance", async () => {
    expect((await saveSystem({ replayEndpoint: "https://93.184.215.14/replay" })).changed).toEqual(["replayEndpoint"]);
  });
});
