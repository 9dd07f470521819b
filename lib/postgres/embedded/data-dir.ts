/**
 * The data directory: where it lives, creating the cluster in it (initdb), and the superuser
 * password kept beside it.
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { binary, serverSpawnOptions } from "./binaries";
import { type Log, SUPERUSER } from "./common";
import { errorCode, isAlive, messageOf, pathExists, run, sleep } from "./helpers";
import { canTraverse, ensureOwnedDir, type RunAs } from "./run-as";
import { lastLines } from "./server-log";

/** Files kept beside the data directory, not in it, so initdb gets an empty directory. */
export interface SideFiles {
  password: string;
  log: string;
}

export function sideFiles(dataDir: string): SideFiles {
  const parent = path.dirname(dataDir);
  return { password: path.join(parent, "postgres.password"), log: path.join(parent, "postgres.log") };
}

/**
 * The requested data directory, or, when the postgres user cannot reach it (e.g. a clone in
 * /root), a stable folder under the system temp folder so data still persists across runs.
 */
export async function chooseDataDir(requested: string, runAs: RunAs | undefined, log: Log): Promise<string> {
  if (!runAs) return requested;
  await fs.mkdir(path.dirname(requested), { recursive: true });
  if (await canTraverse(path.dirname(requested), runAs)) return requested;
  const hash = createHash("sha256").update(requested).digest("hex").slice(0, 12);
  const relocated = path.join(os.tmpdir(), `crossdock-data-${hash}`, "pg");
  log(
    `crossdock: data directory ${requested} is not reachable by the postgres user; keeping the data in ${relocated} instead (it persists across runs)`,
  );
  // 0711: postgres may pass through to its data directory, but not list the folder.
  await ensureOwnedDir(path.dirname(relocated), 0o711);
  if (!(await canTraverse(path.dirname(relocated), runAs))) {
    throw new Error(
      `crossdock: ${path.dirname(relocated)} is not reachable by the postgres user either; set DATABASE_URL or TMPDIR`,
    );
  }
  return relocated;
}

export async function isInitialized(dataDir: string): Promise<boolean> {
  return pathExists(path.join(dataDir, "PG_VERSION"));
}

/**
 * initdb into a sibling folder and rename it into place, so an interrupted initdb never
 * leaves a half-initialized data directory, and concurrent first starts have one winner.
 */
export async function initCluster(
  nativeDir: string,
  dataDir: string,
  files: SideFiles,
  runAs: RunAs | undefined,
  log: Log,
): Promise<void> {
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
      [
        "-D",
        staging,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordStaging}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-instructions",
      ],
      serverSpawnOptions(dataDir, runAs),
    );
    await fs.appendFile(files.log, result.output);
    if (result.code !== 0) {
      throw new Error(
        `crossdock: initdb failed (${result.error ? messageOf(result.error) : `exit code ${result.code}`}):\n${lastLines(result.output)}`,
      );
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
    throw new Error(
      `crossdock: ${dataDir} is not empty but has no PG_VERSION, so it is not a PostgreSQL data directory; move it away or choose another dataDir`,
    );
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
export async function readPassword(file: string, dataDir: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await fs.readFile(file, "utf8")).trim();
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      if (attempt >= 50) {
        throw new Error(
          `crossdock: ${dataDir} exists but its password file ${file} is missing; delete the data directory to start over`,
        );
      }
      await sleep(100);
    }
  }
}
