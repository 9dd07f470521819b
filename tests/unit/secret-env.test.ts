import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, secretKey } from "@/lib/crypto/secret-box";
import { secretEnv } from "@/scripts/lib/secret-env";

// The key that encrypts replay endpoint credentials: generated once and kept beside the
// embedded database's data, required (and checked) when a DATABASE_URL is configured.

let dir: string;
const saved = { key: process.env.CROSSDOCK_SECRET_KEY, data: process.env.CROSSDOCK_DATA_DIR };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crossdock-secret-"));
  delete process.env.CROSSDOCK_SECRET_KEY;
  process.env.CROSSDOCK_DATA_DIR = dir;
});
afterEach(async () => {
  process.env.CROSSDOCK_SECRET_KEY = saved.key;
  process.env.CROSSDOCK_DATA_DIR = saved.data;
  if (saved.key === undefined) delete process.env.CROSSDOCK_SECRET_KEY;
  if (saved.data === undefined) delete process.env.CROSSDOCK_DATA_DIR;
  await rm(dir, { recursive: true, force: true });
});

describe("secretEnv", () => {
  it("embedded: generates a usable key once and reuses it, so stored secrets stay readable across restarts", async () => {
    const first = await secretEnv(true);
    expect(secretKey(first.CROSSDOCK_SECRET_KEY)).toHaveLength(32);
    const stored = encryptSecret("Bearer demo", secretKey(first.CROSSDOCK_SECRET_KEY));
    const again = await secretEnv(true);
    expect(again).toEqual(first);
    expect(decryptSecret(stored, secretKey(again.CROSSDOCK_SECRET_KEY))).toBe("Bearer demo");
    expect((await readFile(path.join(dir, "secret-key"), "utf8")).trim()).toBe(first.CROSSDOCK_SECRET_KEY);
  });

  it("with a configured database: refuses to start without the key, with a message naming it", async () => {
    await expect(secretEnv(false)).rejects.toThrow(/CROSSDOCK_SECRET_KEY is not set/);
  });

  it("refuses a malformed key at start rather than at the first replay", async () => {
    process.env.CROSSDOCK_SECRET_KEY = "too-short";
    await expect(secretEnv(false)).rejects.toThrow(/must be 32 bytes/);
    process.env.CROSSDOCK_SECRET_KEY = Buffer.alloc(32, 1).toString("hex");
    await expect(secretEnv(false)).resolves.toEqual({ CROSSDOCK_SECRET_KEY: Buffer.alloc(32, 1).toString("hex") });
  });
});
