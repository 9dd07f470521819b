import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

// A tiny OpenID Connect provider for the single sign-on e2e test (npx tsx tests/e2e/mock-oidc-provider.ts).
// It does just the authorization code flow next-auth 4 (openid-client) uses: discovery,
// /authorize (signs the user in at once and redirects back), /token (checks the client
// secret and the PKCE verifier, returns an RS256 id_token), /jwks and /userinfo.
// The test picks who the next login is with POST /test/next-identity {"email","name"}.
// Everything is in memory; nothing here is fit for anything but tests.

const PORT = Number(process.env.MOCK_OIDC_PORT ?? 3299);
const ISSUER = (process.env.OIDC_ISSUER ?? `http://127.0.0.1:${PORT}`).replace(/\/$/, "");
const CLIENT_ID = process.env.OIDC_CLIENT_ID ?? "crossdock-e2e";
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET ?? "e2e-oidc-secret";

type Identity = { email: string; name: string };
type Grant = {
  identity: Identity;
  clientId: string;
  redirectUri: string;
  nonce?: string;
  challenge?: string;
  method?: string;
  expires: number;
};

const UNKNOWN: Identity = { email: "nobody@idp.example", name: "Nobody Known" };
let nextIdentity: Identity = UNKNOWN; // used by the next /authorize, then back to UNKNOWN
const codes = new Map<string, Grant>(); // authorization code -> what the token endpoint needs
const accessTokens = new Map<string, Identity>();

const { publicKey, privateKey } = await generateKeyPair("RS256");
const jwk = { ...(await exportJWK(publicKey)), kid: "mock-1", alg: "RS256", use: "sig" };

const token = () => randomBytes(24).toString("base64url");
const sha256 = (s: string) => createHash("sha256").update(s).digest();
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, status: number, error: string, description: string) => {
  console.error(`[mock-oidc] ${status} ${error}: ${description}`);
  send(res, status, { error, error_description: description });
};

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

// client_secret_basic (Authorization: Basic, form-encoded parts) or client_secret_post.
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Basic ")) {
    const [id, secret] = Buffer.from(auth.slice(6), "base64").toString().split(":");
    const decode = (s?: string) => (s === undefined ? undefined : decodeURIComponent(s.replace(/\+/g, " ")));
    return { id: decode(id), secret: decode(secret) };
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", ISSUER);

  if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
    return send(res, 200, {
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/userinfo`,
      jwks_uri: `${ISSUER}/jwks`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "email", "profile"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "email", "email_verified", "name"],
    });
  }

  if (req.method === "GET" && url.pathname === "/jwks") return send(res, 200, { keys: [jwk] });

  // Test control: who signs in next.
  if (req.method === "POST" && url.pathname === "/test/next-identity") {
    const body = JSON.parse((await readBody(req)) || "{}") as Partial<Identity>;
    if (!body.email) return fail(res, 400, "invalid_request", "email is required");
    nextIdentity = { email: body.email, name: body.name ?? body.email };
    return send(res, 200, { ok: true, next: nextIdentity });
  }

  // No login page: the "user" is whoever the test chose, signed in at once.
  if (req.method === "GET" && url.pathname === "/authorize") {
    const p = url.searchParams;
    const redirectUri = p.get("redirect_uri");
    if (p.get("client_id") !== CLIENT_ID)
      return fail(res, 400, "invalid_client", `unknown client_id ${p.get("client_id")}`);
    if (!redirectUri) return fail(res, 400, "invalid_request", "redirect_uri is required");
    if (p.get("response_type") !== "code")
      return fail(res, 400, "unsupported_response_type", `response_type ${p.get("response_type")}`);
    if (!p.get("scope")?.split(" ").includes("openid"))
      return fail(res, 400, "invalid_scope", "scope must include openid");
    const method = p.get("code_challenge_method") ?? undefined;
    if (p.get("code_challenge") && method !== "S256")
      return fail(res, 400, "invalid_request", "only S256 PKCE is supported");
    const code = token();
    codes.set(code, {
      identity: nextIdentity,
      clientId: CLIENT_ID,
      redirectUri,
      nonce: p.get("nonce") ?? undefined,
      challenge: p.get("code_challenge") ?? undefined,
      method,
      expires: Date.now() + 60_000,
    });
    console.log(`[mock-oidc] authorize ${nextIdentity.email} -> ${redirectUri}`);
    nextIdentity = UNKNOWN;
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    if (p.get("state") !== null) back.searchParams.set("state", p.get("state")!);
    back.searchParams.set("iss", ISSUER);
    res.writeHead(302, { location: back.toString() });
    return res.end();
  }

  if (req.method === "POST" && url.pathname === "/token") {
    const form = new URLSearchParams(await readBody(req));
    const client = clientCredentials(req, form);
    if (client.id !== CLIENT_ID || !client.secret || !sameText(client.secret, CLIENT_SECRET)) {
      return fail(res, 401, "invalid_client", `client authentication failed for ${client.id}`);
    }
    if (form.get("grant_type") !== "authorization_code")
      return fail(res, 400, "unsupported_grant_type", `${form.get("grant_type")}`);
    const code = form.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code); // single use
    if (!grant || grant.expires < Date.now() || grant.clientId !== client.id)
      return fail(res, 400, "invalid_grant", "unknown, used or expired code");
    if (form.get("redirect_uri") !== grant.redirectUri)
      return fail(res, 400, "invalid_grant", "redirect_uri does not match the authorization request");
    if (grant.challenge) {
      const verifier = form.get("code_verifier");
      if (!verifier || sha256(verifier).toString("base64url") !== grant.challenge)
        return fail(res, 400, "invalid_grant", "PKCE code_verifier does not match");
    }
    const accessToken = token();
    accessTokens.set(accessToken, grant.identity);
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      email: grant.identity.email,
      email_verified: true,
      name: grant.identity.name,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      at_hash: sha256(accessToken).subarray(0, 16).toString("base64url"), // left half of SHA-256, as RS256 requires
    })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(CLIENT_ID)
      .setSubject(`mock|${grant.identity.email}`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    console.log(`[mock-oidc] token issued for ${grant.identity.email}`);
    return send(res, 200, {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: 300,
      id_token: idToken,
      scope: "openid email profile",
    });
  }

  if (url.pathname === "/userinfo") {
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
    const who = bearer ? accessTokens.get(bearer) : undefined;
    if (!who) return fail(res, 401, "invalid_token", "unknown access token");
    return send(res, 200, { sub: `mock|${who.email}`, email: who.email, email_verified: true, name: who.name });
  }

  return fail(res, 404, "not_found", `${req.method} ${url.pathname}`);
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => fail(res, 500, "server_error", String(error)));
}).listen(PORT, "127.0.0.1", () => console.log(`[mock-oidc] issuer ${ISSUER} on port ${PORT}`));
