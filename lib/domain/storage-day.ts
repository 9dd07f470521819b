// A transaction's storage day: the UTC day whose partitions hold it and all its events and
// payloads (README, "Storage and retention"), and so the day retention expires it with.
// It is the day of the transaction's first event as ingest first sees it, within
// BACKFILL_DAYS before the day it is stored and never after: a sender catching up on a
// week's backlog files each transaction under its own day, while one with older events (or
// a clock far off) is filed under the oldest day whose partition the worker keeps ready.
// Fixed once the transaction is stored, so a re-sent event always meets its first copy.
export const BACKFILL_DAYS = 7;
