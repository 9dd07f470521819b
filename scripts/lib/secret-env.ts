import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { secretKey } from "@/lib/crypto/secret-box";

// CROSSDOCK_SECRET_KEY encrypts what Crossdock must send on, such as a replay endpoint's
// auth header (lib/crypto/secret-box.ts); the app (admin screen) and the worker both need
// it. Like NEXTAUTH_SECRET (auth-env.ts): with the embedded database it is generated once
// and kept beside the data; against a configured DATABASE_URL it must be set explicitly,
// since a key that changed with each start would make stored headers unreadable.
export async function secretEnv(embedded: boolean): Promise<{ CROSSDOCK_SECRET_KEY: string }> {
  const given = process.env.CROSSDOCK_SECRET_KEY;
  if (given) {
    secretKey(given); // a malformed key fails here, at start, not at the first replay
    return { CROSSDOCK_SECRET_KEY: given };
  }
  if (!embedded) {
    throw new Error(
      "CROSSDOCK_SECRET_KEY is not set. Set it to 32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`); it encrypts replay endpoint credentials. Keep it: changing it makes stored credentials unreadable.",
    );
  }
  const file = path.resolve(process.env.CROSSDOCK_DATA_DIR ?? ".data", "secret-key");
  let key = await readFile(file, "utf8").then(
    (s) => s.trim(),
    () => "",
  );
  if (!key) {
    key = randomBytes(32).toString("base64");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
  }
  return { CROSSDOCK_SECRET_KEY: key };
}
