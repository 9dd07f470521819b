/** startEmbeddedPostgres: puts the parts in this folder together (see ../embedded-postgres.ts). */
import * as path from "node:path";
import { prepareBinaries } from "./binary-cache";
import { databaseUrl, ensureDatabase } from "./client";
import type { Log } from "./common";
import { chooseDataDir, initCluster, isInitialized, readPassword, sideFiles } from "./data-dir";
import { choosePort } from "./port";
import { findRunningServer } from "./postmaster-pid";
import { ensureOwnedBy, resolveRunAs } from "./run-as";
import { fileSize, logTail } from "./server-log";
import { hasExited, spawnPostgres, stopChild, waitForServer } from "./server-process";
import { track } from "./signals";

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
