import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/actor";
import { SSO_NAME, ssoEnabled } from "@/lib/auth/options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  SsoNoAccount: "Your single sign-on account has no Crossdock user. Ask an admin to add your email.",
  SsoNoEmail: "The single sign-on provider did not share an email address.",
  OAuthSignin: "Single sign-on could not start. Try again or use your password.",
  OAuthCallback: "Single sign-on did not complete. Try again or use your password.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { callbackUrl, error } = await searchParams;
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/transactions";
  if (await getActor()) redirect(target);
  return (
    <div className="mx-auto mt-16 w-full max-w-sm">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to Crossdock</h1>
      <p className="mt-1 text-sm text-zinc-600">Integration traffic between your warehouses and the ERP.</p>
      <SignInForm
        callbackUrl={target}
        sso={ssoEnabled() ? SSO_NAME : null}
        initialError={error ? (ERRORS[error] ?? null) : null}
      />
    </div>
  );
}
