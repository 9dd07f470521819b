// Signs in through next-auth's credentials flow over plain HTTP, as a script or a browser
// without JavaScript would: fetch the CSRF token (and its cookie), post the form to the
// credentials callback, keep the session cookie it sets.

export type CookieJar = Map<string, string>;

function keepCookies(jar: CookieJar, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0]!;
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
}

export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export async function signInOverHttp(base: string, email: string, password: string): Promise<CookieJar> {
  const jar: CookieJar = new Map();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  keepCookies(jar, response);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(
      `signing in as ${email} set no session cookie: HTTP ${response.status}, location ${response.headers.get("location")}`,
    );
  }
  return jar;
}
