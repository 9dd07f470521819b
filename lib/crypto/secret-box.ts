import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Secrets Crossdock must send on (a replay endpoint's auth header) are stored encrypted
// at rest: AES-256-GCM with a key from CROSSDOCK_SECRET_KEY (32 bytes, base64 or hex), so a
// database dump or backup alone does not reveal them. Stored as "v1:<iv>:<tag>:<ciphertext>".

const VERSION = "v1";

export class SecretKeyError extends Error {}

export function secretKey(raw: string | undefined = process.env.CROSSDOCK_SECRET_KEY): Buffer {
  if (!raw)
    throw new SecretKeyError(
      "CROSSDOCK_SECRET_KEY is not set: 32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`).",
    );
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new SecretKeyError("CROSSDOCK_SECRET_KEY must be 32 bytes, base64 or hex encoded.");
  return key;
}

export function encryptSecret(plain: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function decryptSecret(stored: string, key: Buffer = secretKey()): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined)
    throw new SecretKeyError("The stored secret is not in a known format.");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  // A wrong key fails the tag check here rather than yielding garbage.
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}
