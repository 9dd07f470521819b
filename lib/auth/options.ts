import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getPool } from "@/lib/db";
import { verifyCredentials } from "./verify-credentials";

// next-auth: email + password against Crossdock's users, and optional single sign-on
// through any OpenID Connect provider. Sessions are JWTs holding only the user id; the
// role and sites are read from the database on every request (lib/auth/actor.ts), so a
// disabled user or a changed role takes effect at once.

function requestIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export function ssoEnabled(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
}

export const SSO_NAME = process.env.OIDC_NAME ?? "single sign-on";

function oidcProvider(): OAuthConfig<{ sub: string; email?: string; name?: string }> {
  const issuer = process.env.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name: SSO_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, email: p.email?.toLowerCase() ?? null, name: p.name ?? null }),
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your email and password.");
        const result = await verifyCredentials(
          getPool(),
          credentials.email,
          credentials.password,
          requestIp(req.headers),
        );
        if (!result.ok) throw new Error(result.message);
        return { id: String(result.user.id), email: result.user.email, name: result.user.name };
      },
    }),
    ...(ssoEnabled() ? [oidcProvider()] : []),
  ],
  callbacks: {
    // SSO maps to an existing, enabled Crossdock user by email; nobody is created on the fly.
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return "/signin?error=SsoNoEmail";
      const { rows } = await getPool().query<{ id: number }>(
        `SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL`,
        [user.email.toLowerCase()],
      );
      return rows[0] ? true : "/signin?error=SsoNoAccount";
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc") {
        const { rows } = await getPool().query<{ id: number }>(`SELECT id FROM users WHERE email = $1`, [
          user.email?.toLowerCase(),
        ]);
        token.uid = rows[0]?.id;
      } else if (user) {
        token.uid = Number(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "number") (session.user as { id?: number }).id = token.uid;
      return session;
    },
  },
};
