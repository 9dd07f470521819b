/**
 * Running as root: PostgreSQL refuses to, so it runs as the `postgres` OS user instead, and
 * every folder it needs must be reachable by (or handed over to) that user.
 */
import type { SpawnOptions } from "node:child_process";
import type { Stats } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { type Log, SUPERUSER } from "./common";
import { errorCode, messageOf, run } from "./helpers";

/** The OS identity PostgreSQL runs as when we are root (it refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** When we are root, returns the `postgres` OS user to run the server as (creating it if needed). */
export async function resolveRunAs(log: Log): Promise<RunAs | undefined> {
  if (process.geteuid?.() !== 0) return undefined;
  const existing = await lookupUser(SUPERUSER);
  if (existing) return existing;
  log(`crossdock: running as root, which PostgreSQL refuses; creating the OS user "${SUPERUSER}" to run it`);
  const created = await run("useradd", [
    "--system",
    "--user-group",
    "--no-create-home",
    "--shell",
    "/usr/sbin/nologin",
    SUPERUSER,
  ]);
  if (errorCode(created.error) === "ENOENT") await run("adduser", ["-S", "-D", "-H", SUPERUSER]); // BusyBox (Alpine)
  const ids = await lookupUser(SUPERUSER);
  if (!ids)
    throw new Error(
      `crossdock: could not create the OS user "${SUPERUSER}" (${created.output.trim() || messageOf(created.error)}); create it, or set DATABASE_URL`,
    );
  return ids;
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

export function userOptions(runAs: RunAs | undefined): SpawnOptions {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

/**
 * Whether `who` may search every directory from "/" down to `dir`. Only the primary group
 * counts, because Node drops supplementary groups when it spawns with another uid (ACLs are
 * ignored; a wrong answer only costs an unneeded relocation or a clear error from postgres).
 */
export async function canTraverse(dir: string, who: RunAs): Promise<boolean> {
  for (let current = await fs.realpath(dir); ; current = path.dirname(current)) {
    if (!permits(await fs.stat(current), who, 0o1)) return false;
    if (current === path.dirname(current)) return true;
  }
}

/** Unix permission check for one of r (4), w (2), x (1). */
function permits(stats: Stats, who: RunAs, bit: number): boolean {
  const shift = stats.uid === who.uid ? 6 : stats.gid === who.gid ? 3 : 0;
  return ((stats.mode >> shift) & bit) !== 0;
}

/**
 * Creates `dir` (in the shared temp folder) or accepts it only if it is ours and not writable
 * by others: otherwise another local user could have planted it to feed us binaries or data.
 */
export async function ensureOwnedDir(dir: string, mode: number): Promise<void> {
  try {
    await fs.mkdir(dir, { mode });
    await fs.chmod(dir, mode); // mkdir's mode is filtered by the umask
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
  const stats = await fs.lstat(dir);
  const uid = process.geteuid?.();
  if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o022) !== 0) {
    throw new Error(
      `crossdock: refusing to use ${dir}: it must be a directory owned by uid ${uid} and not writable by others`,
    );
  }
}

/** A data directory created by a non-root run must be handed to the postgres user. */
export async function ensureOwnedBy(dir: string, who: RunAs): Promise<void> {
  if ((await fs.stat(dir)).uid === who.uid) return;
  await chownTree(dir, who);
}

async function chownTree(target: string, who: RunAs): Promise<void> {
  const stats = await fs.lstat(target);
  await fs.lchown(target, who.uid, who.gid);
  if (!stats.isDirectory()) return;
  for (const name of await fs.readdir(target)) await chownTree(path.join(target, name), who);
}
