// What an evaluation does with a rule: the condition now, the rule's open alert (if any)
// and the clock decide. Fires once when the condition becomes true, repeats at most every
// repeatMinutes while it stays true (0: never), recovers once when it clears.

export type AlertTransition = "fire" | "repeat" | "recover" | "none";

export interface OpenAlertState {
  openedAt: Date;
  lastNotifiedAt: Date;
}

export function decideTransition(input: {
  breaching: boolean;
  open: OpenAlertState | null;
  repeatMinutes: number;
  now: Date;
}): AlertTransition {
  const { breaching, open, repeatMinutes, now } = input;
  if (!open) return breaching ? "fire" : "none";
  if (!breaching) return "recover";
  if (repeatMinutes <= 0) return "none";
  return now.getTime() - open.lastNotifiedAt.getTime() >= repeatMinutes * 60_000 ? "repeat" : "none";
}
