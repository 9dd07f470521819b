import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { type NextRequestWithAuth, withAuth } from "next-auth/middleware";

// Every page and every non-ingest API route needs a session; pages also get a strict,
// per-request Content Security Policy (a nonce instead of 'unsafe-inline' scripts).
// Permissions are checked again by each page, handler and server action: this is the
// outer door, not the only lock.

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    // React's development build evaluates code; production does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function signedInOnly(req: NextRequestWithAuth) {
  if (req.nextUrl.pathname.startsWith("/api/")) {
    if (!req.nextauth.token) {
      return NextResponse.json({ error: { status: 401, message: "Sign in to continue." } }, { status: 401 });
    }
    return NextResponse.next();
  }
  return withContentSecurityPolicy(req);
}

function withContentSecurityPolicy(req: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

const authenticated = withAuth(signedInOnly, {
  pages: { signIn: "/signin" },
  // API routes answer 401 themselves (above) instead of redirecting to the sign-in page.
  callbacks: { authorized: ({ req, token }) => Boolean(token) || req.nextUrl.pathname.startsWith("/api/") },
});

// The sign-in page is open to everyone (next-auth would skip it without calling us), but
// it gets the same Content-Security-Policy as every other page.
export default function proxy(req: NextRequest, event: NextFetchEvent) {
  if (req.nextUrl.pathname === "/signin") return withContentSecurityPolicy(req);
  return authenticated(req as NextRequestWithAuth, event);
}

export const config = {
  // Not behind sign-in: the ingest and read API and OTLP/HTTP ingest (API keys), health, the
  // Prometheus scrape (its own token, app/metrics/route.ts), next-auth itself, static files,
  // the OpenAPI document and the README's screenshots.
  matcher: [
    "/((?!api/v1/|v1/|api/health|metrics$|api/auth/|_next/static|_next/image|favicon.ico|openapi.yaml|screenshots/).*)",
  ],
};
