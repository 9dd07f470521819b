import type { ControlInput, DelayRange, FaultInput, FaultMode, Layer, RecordSeed, ReplayRequest } from "./contract";

// SIMULATION, not product code. Everything the replay target knows, in memory: which
// causes are fixed, which documents the "ERP" holds, what it did per idempotency key,
// and the injected fault. No database: a restart forgets it all, as a demo may.

export const DEFAULT_FIXED = ["BROKER_TIMEOUT", "WMS_API_503"];
export const DEFAULT_BROKEN = ["CUSTOMER_MASTER_INVALID", "PERIOD_CLOSED"];
export const DEFAULT_OUTCOME_DELAY: DelayRange = { min: 200, max: 1500 };
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Fault {
  mode: FaultMode;
  remaining: number | null; // requests left before it clears itself; null: until changed
  timeoutMs: number;
}

// What happened to one transaction (one Idempotency-Key) here.
export interface LedgerEntry {
  idempotencyKey: string;
  transactionId: string;
  status: "pending" | "succeeded" | "failed";
  replayId: string; // the latest replay
  attempt: number; // the latest replay's attempt number
  replayIds: Set<string>;
  documentId: string | null;
}

export type Outcome = { ok: true; documentId: string } | { ok: false; code: string; message: string; layer: Layer };

export interface Snapshot {
  causes: { fixed: string[]; broken: string[]; unknownCodes: "broken" };
  fault: Fault;
  outcomeDelayMs: DelayRange;
  replays: { pending: number; succeeded: number; failed: number };
  records: number;
}

export interface StateOptions {
  fixed?: string[];
  broken?: string[];
  fault?: FaultInput | null;
  outcomeDelayMs?: DelayRange;
  records?: RecordSeed[];
}

export class TargetState {
  private causes = new Map<string, "fixed" | "broken">();
  private ledger = new Map<string, LedgerEntry>();
  private records = new Map<string, string>();
  private documentCounter = 0;
  fault: Fault = noFault();
  outcomeDelayMs: DelayRange = DEFAULT_OUTCOME_DELAY;

  constructor(private readonly initial: StateOptions = {}) {
    this.reset();
  }

  reset(): void {
    this.causes.clear();
    this.ledger.clear();
    this.records.clear();
    this.setCauses(DEFAULT_FIXED, "fixed");
    this.setCauses(DEFAULT_BROKEN, "broken");
    this.setCauses(this.initial.fixed ?? [], "fixed");
    this.setCauses(this.initial.broken ?? [], "broken");
    this.setFault(this.initial.fault ?? null);
    this.outcomeDelayMs = this.initial.outcomeDelayMs ?? DEFAULT_OUTCOME_DELAY;
    for (const r of this.initial.records ?? []) this.seedRecord(r);
  }

  // POST /control: reset first, then the rest in a fixed order.
  apply(input: ControlInput): Snapshot {
    if (input.reset) this.reset();
    if (input.fixed) this.setCauses(input.fixed, "fixed");
    if (input.broken) this.setCauses(input.broken, "broken");
    if (input.fault !== undefined) this.setFault(input.fault);
    if (input.outcomeDelayMs) this.outcomeDelayMs = input.outcomeDelayMs;
    for (const r of input.records ?? []) this.seedRecord(r);
    return this.snapshot();
  }

  snapshot(): Snapshot {
    const codes = (s: "fixed" | "broken") =>
      [...this.causes]
        .filter(([, v]) => v === s)
        .map(([k]) => k)
        .sort();
    const count = (s: LedgerEntry["status"]) => [...this.ledger.values()].filter((e) => e.status === s).length;
    return {
      causes: { fixed: codes("fixed"), broken: codes("broken"), unknownCodes: "broken" },
      fault: { ...this.fault },
      outcomeDelayMs: { ...this.outcomeDelayMs },
      replays: { pending: count("pending"), succeeded: count("succeeded"), failed: count("failed") },
      records: this.records.size,
    };
  }

  // A code nobody marked fixed is a cause still active: the replay fails again.
  isFixed(code: string): boolean {
    return this.causes.get(code) === "fixed";
  }

  private setCauses(codes: string[], state: "fixed" | "broken"): void {
    for (const code of codes) this.causes.set(code, state);
  }

  setFault(input: FaultInput | null): void {
    this.fault =
      !input || input.mode === "none"
        ? noFault()
        : { mode: input.mode, remaining: input.times ?? null, timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  }

  // The fault for this request, if it applies to it; counts it against `times`.
  takeFault(applies: (mode: FaultMode) => boolean): Fault | null {
    const fault = this.fault;
    if (fault.mode === "none" || !applies(fault.mode)) return null;
    if (fault.remaining !== null && --fault.remaining <= 0) this.fault = noFault();
    return { ...fault };
  }

  // --- the ERP's documents ---

  findRecord(workflow: string, businessKey: string): string | null {
    return this.records.get(recordKey(workflow, businessKey)) ?? null;
  }

  seedRecord(seed: RecordSeed): string {
    const key = recordKey(seed.workflow, seed.businessKey);
    const documentId = seed.documentId ?? this.records.get(key) ?? this.nextDocumentId();
    this.records.set(key, documentId);
    return documentId;
  }

  // Posting is idempotent per document: a second post returns the document already there.
  post(workflow: string, businessKey: string): string {
    return this.findRecord(workflow, businessKey) ?? this.seedRecord({ workflow, businessKey });
  }

  private nextDocumentId(): string {
    return `ERP-DOC-${String(++this.documentCounter).padStart(6, "0")}`;
  }

  // --- what happened per idempotency key ---

  entry(idempotencyKey: string): LedgerEntry | undefined {
    return this.ledger.get(idempotencyKey);
  }

  begin(idempotencyKey: string, request: ReplayRequest): LedgerEntry {
    const previous = this.ledger.get(idempotencyKey);
    // Without an attempt number from the caller: the original was attempt 1, each replay one more.
    const attempt = request.attempt ?? (previous?.attempt ?? 1) + 1;
    const entry: LedgerEntry = {
      idempotencyKey,
      transactionId: request.transactionId,
      status: "pending",
      replayId: request.replayId,
      attempt,
      replayIds: new Set([...(previous?.replayIds ?? []), request.replayId]),
      documentId: previous?.documentId ?? null,
    };
    this.ledger.set(idempotencyKey, entry);
    return entry;
  }

  markDuplicate(idempotencyKey: string, request: ReplayRequest, documentId: string): void {
    const entry = this.begin(idempotencyKey, request);
    entry.status = "succeeded";
    entry.documentId = documentId;
  }

  // The outcome of a replay, decided when it is processed: fixed causes succeed.
  settle(entry: LedgerEntry, request: ReplayRequest): Outcome {
    const cause = request.lastError;
    if (cause && !this.isFixed(cause.code)) {
      entry.status = "failed";
      return {
        ok: false,
        code: cause.code,
        message: cause.message || `${cause.code} (cause still active)`,
        layer: cause.layer ?? "target_api",
      };
    }
    const documentId = this.post(request.workflow, request.businessKey ?? request.transactionId);
    entry.status = "succeeded";
    entry.documentId = documentId;
    return { ok: true, documentId };
  }
}

function noFault(): Fault {
  return { mode: "none", remaining: null, timeoutMs: DEFAULT_TIMEOUT_MS };
}

function recordKey(workflow: string, businessKey: string): string {
  return `${workflow.toLowerCase()}\u0000${businessKey}`;
}
