import { clock, isStuck, replayNotConfirmed } from "./dashboard/stuck";

// What a person reads on a transaction after its replay was accepted: who replayed it and
// when, and that the target's confirmation is what it waits for now - or, once that has
// taken longer than the workflow's SLA, that it is stuck again and why. Without this the
// page showed the replay endpoint's earlier refusal as the current error, and people
// replayed again or called IT.

export interface ReplayWait {
  replayedAt: Date; // when the replay endpoint accepted it
  replayedBy: string;
  target: string | null; // the system whose confirmation it waits for
  slaMinutes: number;
  lastEventAt: Date; // its last progress: the acceptance, or a later hand-over
}

export interface ReplayWaitText {
  headline: string;
  stuck: string | null; // the reason it is stuck again, once it is
}

export function describeReplayWait(w: ReplayWait, now: Date): ReplayWaitText {
  const from = w.target ? `${w.target}'s` : "the target's";
  return {
    headline: `Replayed at ${clock(w.replayedAt, now)} by ${w.replayedBy}, waiting for ${from} confirmation.`,
    stuck: isStuck({ status: "replaying", lastEventAt: w.lastEventAt }, w.slaMinutes, now)
      ? `Stuck again: ${replayNotConfirmed(w.slaMinutes)}.`
      : null,
  };
}
