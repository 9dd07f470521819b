// Defaults shared by the backfill and live traffic.

export const DEFAULT_SEED = 20_260_101;
// Weekly mean of the backfill: about 340,000 transactions in 7 days.
export const HISTORY_RATE_PER_SECOND = 0.56;
// Live traffic: about 20 transactions per second, flat (a demo should not go quiet at night).
export const LIVE_RATE_PER_SECOND = 20;
// The ingest API's default limit per request (INGEST_MAX_EVENTS).
export const DEFAULT_MAX_BATCH_EVENTS = 1000;
