import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type ControlInput,
  controlSchema,
  type FaultMode,
  parseTraceparent,
  type ReplayRequest,
  replayRequestSchema,
} from "./contract";
import { checkToken, Problem, parseJson, readBody, sendJson, sendProblem, validate } from "./http";
import { outcomeEvents } from "./outcome";
import { createReporter, type RetryOptions } from "./reporter";
import { type LedgerEntry, type Snapshot, type StateOptions, TargetState } from "./state";

// SIMULATION, not product code. The demo's replay target: it plays the middleware's
// replay endpoint (POST /replay) and the ERP's "does this document exist?" check
// (GET /records/{workflow}/{businessKey}), and reports each replay's outcome back to
// Crossdock through the public ingest API. The contract is in README.md beside this file.

export interface ReplayTargetOptions extends StateOptions {
  port?: number; // 0 (the default) picks a free port
  host?: string; // default 127.0.0.1
  crossdockUrl: string; // where outcomes are reported: <crossdockUrl>/api/v1/events
  apiKey: string; // a Crossdock ingest key of the system that sent the original transactions
  token: string; // what callers must send as "Authorization: Bearer <token>"
  log?: (line: string) => void;
  reporter?: RetryOptions;
}

export interface ReplayTarget {
  url: string; // http://host:port
  replayUrl: string; // the replay endpoint to register on systems: <url>/replay
  control: { apply(input: ControlInput): Snapshot; snapshot(): Snapshot };
  idle(): Promise<void>; // every accepted replay processed and its outcome reported (or given up)
  close(): Promise<void>;
}

type Trace = { traceId: string; parentSpanId: string | null };

export async function createReplayTarget(options: ReplayTargetOptions): Promise<ReplayTarget> {
  if (!options.token) throw new Error("createReplayTarget: token is required (the replay endpoint's auth token).");
  if (!options.apiKey) throw new Error("createReplayTarget: apiKey is required (a Crossdock ingest API key).");
  const log = options.log ?? ((line: string) => console.log(line));
  const state = new TargetState(options);
  const reporter = createReporter({
    crossdockUrl: options.crossdockUrl,
    apiKey: options.apiKey,
    log,
    retry: options.reporter,
  });
  const held = new Set<NodeJS.Timeout>(); // requests a "timeout" fault keeps unanswered
  const inFlight = new Map<Promise<void>, () => void>(); // accepted replays not yet reported, with their cancel

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof Problem) return sendProblem(res, error);
      log(`replay-target: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendProblem(res, new Problem(500, "Internal error in the replay target."));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://replay-target").pathname;
    if (path === "/health") {
      allow(req, ["GET"]);
      return health(res);
    }
    if (path === "/replay") {
      allow(req, ["POST"]);
      return replay(req, res);
    }
    if (path === "/control") {
      allow(req, ["GET", "POST"]);
      return control(req, res);
    }
    const record = path.match(/^\/records\/([^/]+)\/([^/]+)\/?$/);
    if (record) {
      allow(req, ["GET"]);
      return records(req, res, record[1]!, record[2]!);
    }
    throw new Problem(
      404,
      `No route ${path}. Routes: POST /replay, GET /records/{workflow}/{businessKey}, GET|POST /control, GET /health.`,
    );
  }

  function health(res: ServerResponse): void {
    sendJson(res, 200, { ok: true, service: "crossdock-replay-target (simulation)", fault: state.fault.mode });
  }

  // POST /replay: take a replay, answer 202, report the outcome later.
  async function replay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (injectUnavailable(req, res)) return;
    checkToken(req, options.token);
    const idempotencyKey = header(req, "idempotency-key");
    if (!idempotencyKey) throw new Problem(400, "Idempotency-Key header is required.", { field: "Idempotency-Key" });
    if (idempotencyKey.length > 200)
      throw new Problem(400, "Idempotency-Key header must be at most 200 characters.", { field: "Idempotency-Key" });
    const request = validate(replayRequestSchema, parseJson(text));
    if (state.takeFault((m) => m === "conflict")) {
      throw new Problem(
        409,
        "The ERP document is locked by another posting (simulated conflict); nothing was posted.",
        { conflict: "locked" },
      );
    }

    const entry = state.entry(idempotencyKey);
    if (entry?.status === "succeeded") {
      log(
        `replay-target: ${request.transactionId}: already posted as ${entry.documentId}; replay ${request.replayId} is a duplicate, nothing sent`,
      );
      return sendJson(res, 200, {
        accepted: true,
        duplicate: true,
        replayId: entry.replayId,
        documentId: entry.documentId,
      });
    }
    if (entry?.replayIds.has(request.replayId))
      return sendJson(res, 202, { accepted: true, replayId: request.replayId });
    if (entry?.status === "pending") {
      throw new Problem(409, `A replay of this transaction is already in progress (replayId ${entry.replayId}).`, {
        inProgress: true,
        replayId: entry.replayId,
      });
    }
    const posted = state.findRecord(request.workflow, request.businessKey ?? request.transactionId);
    if (posted) {
      state.markDuplicate(idempotencyKey, request, posted);
      log(`replay-target: ${request.transactionId}: document ${posted} already exists; nothing posted`);
      return sendJson(res, 200, { accepted: true, duplicate: true, replayId: request.replayId, documentId: posted });
    }

    const started = state.begin(idempotencyKey, request);
    const trace = traceOf(req);
    schedule(started, request, trace);
    log(
      `replay-target: accepted replay ${request.replayId} of ${request.transactionId} (attempt ${started.attempt}, requested by ${request.requestedBy})`,
    );
    sendJson(res, 202, { accepted: true, replayId: request.replayId });
  }

  // GET /records/{workflow}/{businessKey}: the ERP's "does this document exist?"
  async function records(
    req: IncomingMessage,
    res: ServerResponse,
    workflowPart: string,
    keyPart: string,
  ): Promise<void> {
    await readBody(req);
    if (injectUnavailable(req, res)) return;
    checkToken(req, options.token);
    const [workflow, businessKey] = [decode(workflowPart, "workflow"), decode(keyPart, "businessKey")];
    const documentId = state.findRecord(workflow, businessKey);
    if (documentId) return sendJson(res, 200, { exists: true, documentId, workflow, businessKey });
    sendJson(res, 404, { exists: false, workflow, businessKey });
  }

  // GET /control: the current state. POST /control: change causes, faults, records.
  async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    checkToken(req, options.token);
    if (req.method === "GET") return sendJson(res, 200, state.snapshot());
    const input = validate(controlSchema, parseJson(text));
    const snapshot = state.apply(input);
    log(
      `replay-target: control ${JSON.stringify(input)} -> fixed [${snapshot.causes.fixed.join(", ")}], broken [${snapshot.causes.broken.join(", ")}], fault ${snapshot.fault.mode}`,
    );
    sendJson(res, 200, snapshot);
  }

  // "down" answers 503; "timeout" holds the request unanswered, then drops the connection.
  function injectUnavailable(req: IncomingMessage, res: ServerResponse): boolean {
    const fault = state.takeFault((m: FaultMode) => m === "down" || m === "timeout");
    if (!fault) return false;
    if (fault.mode === "down") {
      sendProblem(
        res,
        new Problem(
          503,
          "The replay target is down (simulated); nothing was done. Retry later.",
          {},
          { "retry-after": "1" },
        ),
      );
      return true;
    }
    log(`replay-target: holding ${req.method} ${req.url} for ${fault.timeoutMs} ms (simulated timeout)`);
    const timer = setTimeout(() => {
      held.delete(timer);
      req.socket.destroy();
    }, fault.timeoutMs);
    held.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      held.delete(timer);
    });
    return true;
  }

  function schedule(entry: LedgerEntry, request: ReplayRequest, trace: Trace): void {
    const startedAt = Date.now();
    const { min, max } = state.outcomeDelayMs;
    let cancel: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => void settle(entry, request, trace, startedAt).finally(resolve),
        min + Math.random() * (max - min),
      );
      cancel = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    inFlight.set(done, cancel);
    void done.then(() => inFlight.delete(done));
  }

  async function settle(entry: LedgerEntry, request: ReplayRequest, trace: Trace, startedAt: number): Promise<void> {
    const outcome = state.settle(entry, request);
    log(
      outcome.ok
        ? `replay-target: ${request.transactionId} attempt ${entry.attempt} posted as ${outcome.documentId}`
        : `replay-target: ${request.transactionId} attempt ${entry.attempt} failed again at ${outcome.layer}: ${outcome.code}`,
    );
    const events = outcomeEvents({
      request,
      attempt: entry.attempt,
      outcome,
      trace,
      startedAt,
      finishedAt: Date.now(),
    });
    await reporter.send(events, `replay ${request.replayId} of ${request.transactionId}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = ["0.0.0.0", "::"].includes(address.address)
    ? "localhost"
    : address.family === "IPv6"
      ? `[${address.address}]`
      : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    replayUrl: `${url}/replay`,
    control: { apply: (input) => state.apply(input), snapshot: () => state.snapshot() },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight.keys());
    },
    async close() {
      for (const cancel of inFlight.values()) cancel();
      reporter.close();
      for (const timer of held) clearTimeout(timer);
      held.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function allow(req: IncomingMessage, methods: string[]): void {
  if (!methods.includes(req.method ?? ""))
    throw new Problem(405, `Use ${methods.join(" or ")} here.`, {}, { allow: methods.join(", ") });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function traceOf(req: IncomingMessage): Trace {
  const incoming = parseTraceparent(header(req, "traceparent"));
  return incoming ?? { traceId: randomBytes(16).toString("hex"), parentSpanId: null };
}

function decode(part: string, field: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Problem(400, `${field} in the path is not valid percent-encoding.`, { field });
  }
}
