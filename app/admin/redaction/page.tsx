import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { cardClass } from "@/components/admin/form-styles";
import { AddRedactionRuleForm } from "@/components/admin/redaction/add-redaction-rule-form";
import { RedactionRuleList } from "@/components/admin/redaction/redaction-rule-list";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { REDACTED } from "@/lib/domain/redact";
import { listRedactionRules } from "@/lib/queries/list-redaction-rules";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Redaction" };

const code = "rounded bg-zinc-100 px-1 font-mono text-xs";

export default async function RedactionPage() {
  await requirePageActor("admin:redaction");
  const rules = await listRedactionRules(getPrisma());
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader title="Redaction">
        Fields at these paths are replaced with <code className={code}>{REDACTED}</code> when events are ingested,
        before the payload is stored, so the original values never reach the database. Changes apply to events ingested
        from now on; payloads already stored are not rewritten.
      </AdminHeader>
      <section aria-labelledby="add-rule-title" className={`${cardClass} flex flex-col gap-3`}>
        <h2 id="add-rule-title" className="font-medium">
          Mask another field
        </h2>
        <ul className="list-inside list-disc text-sm text-zinc-600">
          <li>
            A path is payload keys joined by dots: <code className={code}>customer.email</code> masks{" "}
            <code className={code}>{`{"customer": {"email": …}}`}</code>.
          </li>
          <li>
            <code className={code}>*</code> stands for any key: <code className={code}>payment.*</code> masks everything
            inside <code className={code}>payment</code>.
          </li>
          <li>
            Lists are walked through: <code className={code}>lines.price</code> masks the price of every line. Masking a
            key masks everything under it: <code className={code}>shipTo.address</code> masks the whole address.
          </li>
          <li>
            Keys are matched exactly, case included; they may use letters, digits, _ and -. At most 200 characters.
          </li>
        </ul>
        <AddRedactionRuleForm />
      </section>
      <RedactionRuleList rules={rules} now={new Date()} />
    </div>
  );
}
