/**
 * Choosing where to run the binaries from: where npm put them when they work there, else a
 * copy in a cache under the system temp folder (when node_modules is out of the postgres
 * user's reach, e.g. a clone in /root, or cannot take the library symlinks).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { binary, hydrateSymlinks, locateBinaryPackage } from "./binaries";
import type { Log } from "./common";
import { errorCode, messageOf, pathExists, run } from "./helpers";
import { ensureOwnedDir, type RunAs, userOptions } from "./run-as";

/** Returns the `native/` folder to run the binaries from, copying it to a cache when needed. */
export async function prepareBinaries(runAs: RunAs | undefined, log: Log): Promise<string> {
  const pkg = locateBinaryPackage();
  const nativeDir = path.join(pkg.dir, "native");
  // One shared cache for root; per-user otherwise, so nobody runs binaries another user planted.
  const owner = runAs ? "" : `-${process.getuid?.() ?? "user"}`;
  const cacheDir = path.join(os.tmpdir(), `crossdock-pg-${pkg.version}${owner}`, "native");
  try {
    await hydrateSymlinks(nativeDir);
  } catch (error) {
    log(
      `crossdock: cannot create the PostgreSQL library symlinks in ${nativeDir} (${messageOf(error)}); running the binaries from ${cacheDir}`,
    );
    return ensureBinaryCache(nativeDir, cacheDir, runAs);
  }
  if (!runAs || (await binariesWork(nativeDir, runAs))) return nativeDir;
  log(
    `crossdock: PostgreSQL binaries are not reachable by the postgres user from ${nativeDir}; running them from ${cacheDir}`,
  );
  return ensureBinaryCache(nativeDir, cacheDir, runAs);
}

/** True when both binaries start for the given user (catches EACCES and missing libraries). */
async function binariesWork(nativeDir: string, runAs: RunAs | undefined): Promise<boolean> {
  const results = await Promise.all(
    ["postgres", "initdb"].map((name) =>
      run(binary(nativeDir, name), ["--version"], { cwd: "/", ...userOptions(runAs) }),
    ),
  );
  return results.every((result) => result.code === 0);
}

/** Copies `native/` into a cache under the system temp folder, readable by everyone. */
async function ensureBinaryCache(source: string, cached: string, runAs: RunAs | undefined): Promise<string> {
  await ensureOwnedDir(path.dirname(cached), 0o755);
  if (await pathExists(cached)) {
    if (await binariesWork(cached, runAs)) return cached;
    await fs.rm(cached, { recursive: true, force: true }); // damaged, e.g. by a tmp cleaner: rebuild
  }
  // Copy under a temporary name and rename, so other processes never see a half-copied cache.
  const staging = `${cached}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    // verbatimSymlinks keeps the relative lib links relative (else they'd point at the source).
    await fs.cp(source, staging, { recursive: true, verbatimSymlinks: true });
    await hydrateSymlinks(staging);
    await makeWorldReadable(staging);
    await fs.rename(staging, cached).catch((error: unknown) => {
      if (!["EEXIST", "ENOTEMPTY"].includes(errorCode(error) ?? "")) throw error; // lost a race: use theirs
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  if (!(await binariesWork(cached, runAs))) {
    throw new Error(
      `crossdock: the PostgreSQL binaries copied to ${cached} do not run (is ${os.tmpdir()} mounted noexec?); set DATABASE_URL instead`,
    );
  }
  return cached;
}

/** chmod -R a+rX, so the postgres user can read and execute the copied binaries. */
async function makeWorldReadable(target: string): Promise<void> {
  const stats = await fs.lstat(target);
  if (stats.isSymbolicLink()) return;
  const executable = stats.isDirectory() || (stats.mode & 0o111) !== 0;
  await fs.chmod(target, (stats.mode & 0o7777) | (executable ? 0o555 : 0o444));
  if (!stats.isDirectory()) return;
  for (const name of await fs.readdir(target)) await makeWorldReadable(path.join(target, name));
}
