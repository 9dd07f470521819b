import { listHref } from "@/components/transactions/list-params";

// An error signature is "layer|target|CODE normalised message" (lib/domain/error-signature.ts).
// The table shows the layer and target in their own columns; this is the error part, with
// the code split off so it can stand out.
export function signatureError(signature: string, code: string | null): { code: string | null; message: string } {
  const parts = signature.split("|");
  const error = parts.length >= 3 ? parts.slice(2).join("|") : signature;
  if (code && error.startsWith(code)) return { code, message: error.slice(code.length).trim() };
  return { code, message: error };
}

// The transactions whose latest failure has this signature: the drill-down from a row.
export function failureTransactionsHref(errorSignature: string): string {
  return listHref({ errorSignature });
}
