import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// next-auth needs NEXTAUTH_SECRET (signs session cookies) and NEXTAUTH_URL (its own
// address). With the embedded database a secret is generated once and kept beside the
// data; against a configured DATABASE_URL (production) it must be set explicitly.
export async function authEnv(port: string, embedded: boolean): Promise<Record<string, string>> {
  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  if (process.env.NEXTAUTH_SECRET) return { NEXTAUTH_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
  if (!embedded) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. Set it to a long random value (e.g. `openssl rand -base64 32`); it signs session cookies.",
    );
  }
  const file = path.resolve(process.env.CROSSDOCK_DATA_DIR ?? ".data", "nextauth-secret");
  let secret = await readFile(file, "utf8").then(
    (s) => s.trim(),
    () => "",
  );
  if (!secret) {
    secret = randomBytes(32).toString("base64url");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
  }
  return { NEXTAUTH_URL: url, NEXTAUTH_SECRET: secret };
}
