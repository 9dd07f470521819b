import { getReadDatabase } from "@/lib/db";
import { parseEnv, readDatabaseSchema } from "@/lib/env";
import { readReplicaLag } from "./replica-lag";

// The read replica's part of the health report: null without DATABASE_READ_URL; whether it
// answers, whether it really is a standby (a primary there would serve reads, but nothing
// replicates to it from DATABASE_URL) and how far it is behind.
export type ReplicaHealth =
  | { status: "reachable"; standby: boolean; lagSeconds: number | null }
  | { status: "unreachable"; reason: string };

export async function readReplicaHealth(): Promise<ReplicaHealth | null> {
  if (!parseEnv(readDatabaseSchema).DATABASE_READ_URL) return null;
  try {
    const lag = await readReplicaLag(getReadDatabase().pool);
    return lag === null
      ? { status: "reachable", standby: false, lagSeconds: 0 }
      : { status: "reachable", standby: true, lagSeconds: lag.lagSeconds };
  } catch (error) {
    return { status: "unreachable", reason: error instanceof Error ? error.message : String(error) };
  }
}
