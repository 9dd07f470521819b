import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { encryptSecret, secretKey } from "@/lib/crypto/secret-box";
import type { CookieJar } from "./http-session";

// The replay round trip for the specs that start their own Crossdock: point the sending
// middleware's replay endpoint at a target (what Admin -> Systems saves: the URL, and the
// auth header encrypted with the server's CROSSDOCK_SECRET_KEY; a transaction whose target
// system has none is replayed through its sender), then replay one transaction from its
// trace page in the browser, signed in with a session made over HTTP.

export async function setReplayEndpoint(
  databaseUrl: string,
  system: string,
  endpoint: string,
  authHeader: string,
  key: string,
): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rowCount } = await pool.query(
      `UPDATE systems SET replay_endpoint = $1, replay_auth_header = $2 WHERE name = $3`,
      [endpoint, encryptSecret(authHeader, secretKey(key)), system],
    );
    expect(rowCount, `no system named ${system}`).toBe(1);
  } finally {
    await pool.end();
  }
}

export async function replayFromTrace(
  page: Page,
  base: string,
  session: CookieJar,
  transactionId: string,
): Promise<void> {
  await page.context().addCookies([...session].map(([name, value]) => ({ name, value, url: base })));
  await page.goto(`${base}/transactions/${transactionId}`);
  await page.getByRole("button", { name: "Replay…", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Replayed: the transaction is now succeeded", {
    timeout: 30_000,
  });
}
