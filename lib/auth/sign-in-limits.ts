import type { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

// Failed sign-ins are limited per account and per IP address, in PostgreSQL so the
// limits hold across app instances. Successful sign-ins clear the account's count.
const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

interface Limiters {
  account: RateLimiterPostgres;
  ip: RateLimiterPostgres;
}

const limiters = new WeakMap<Pool, Limiters>();

function limitersFor(pool: Pool): Limiters {
  let l = limiters.get(pool);
  if (!l) {
    const common = {
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      duration: WINDOW_SECONDS,
      blockDuration: WINDOW_SECONDS,
    };
    l = {
      account: new RateLimiterPostgres({ ...common, keyPrefix: "signin_account", points: MAX_FAILURES_PER_ACCOUNT }),
      ip: new RateLimiterPostgres({ ...common, keyPrefix: "signin_ip", points: MAX_FAILURES_PER_IP }),
    };
    limiters.set(pool, l);
  }
  return l;
}

export type LimitCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number; by: "account" | "ip" };

export async function checkSignInAllowed(pool: Pool, email: string, ip: string): Promise<LimitCheck> {
  const l = limitersFor(pool);
  const [account, address] = await Promise.all([l.account.get(email), l.ip.get(ip)]);
  if (account && account.consumedPoints >= MAX_FAILURES_PER_ACCOUNT) {
    return { blocked: true, by: "account", retryAfterSeconds: Math.ceil(account.msBeforeNext / 1000) };
  }
  if (address && address.consumedPoints >= MAX_FAILURES_PER_IP) {
    return { blocked: true, by: "ip", retryAfterSeconds: Math.ceil(address.msBeforeNext / 1000) };
  }
  return { blocked: false };
}

export async function recordSignInFailure(pool: Pool, email: string, ip: string): Promise<void> {
  const l = limitersFor(pool);
  // consume() rejects with a RateLimiterRes once the limit is reached: that is the block, not an error.
  const consume = (limiter: RateLimiterPostgres, key: string) =>
    limiter.consume(key).catch((e: unknown) => {
      if (!(e instanceof RateLimiterRes)) throw e;
    });
  await Promise.all([consume(l.account, email), consume(l.ip, ip)]);
}

export async function clearSignInFailures(pool: Pool, email: string): Promise<void> {
  await limitersFor(pool).account.delete(email);
}
