import type { SystemKind } from "@/lib/domain/catalogue";
import { describedBy, Field } from "../form-parts";
import { inputClass, selectClass } from "../form-styles";
import { KindOptions } from "../kind-options";
import { formText } from "../use-action-form";

export interface SiteChoice {
  code: string;
  registered: boolean;
}

export interface SystemFieldValues {
  name: string;
  kind: string;
  siteCode: string | null;
  replayEndpoint: string | null;
}

type FieldName = keyof SystemFieldValues;

// The fields of a system, shared by the create and edit forms. Sites are chosen from
// the catalogue, never typed.
export function SystemFields({
  idPrefix,
  values,
  sites,
  fieldError,
}: {
  idPrefix: string;
  values?: SystemFieldValues;
  sites: SiteChoice[];
  fieldError: (name: string) => string | undefined;
}) {
  const id = (field: FieldName) => `${idPrefix}-${field}`;
  const props = (field: FieldName, hasHint = false) => {
    const error = fieldError(field);
    return {
      id: id(field),
      name: field,
      "aria-invalid": Boolean(error),
      "aria-describedby": describedBy(id(field), error, hasHint),
    };
  };
  return (
    <>
      <Field id={id("name")} label="Name" error={fieldError("name")} hint="Lowercase letters, digits and -.">
        <input
          {...props("name", true)}
          defaultValue={values?.name ?? ""}
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. wms-north"
          className={`${inputClass} w-52 font-mono`}
        />
      </Field>
      <Field id={id("kind")} label="Kind" error={fieldError("kind")}>
        <select {...props("kind")} defaultValue={values?.kind ?? "wms"} className={`${selectClass} w-36`}>
          <KindOptions />
        </select>
      </Field>
      <Field id={id("siteCode")} label="Site" error={fieldError("siteCode")}>
        <select {...props("siteCode")} defaultValue={values?.siteCode ?? ""} className={`${selectClass} w-44`}>
          <option value="">No site</option>
          {sites.map((s) => (
            <option key={s.code} value={s.code}>
              {s.registered ? s.code : `${s.code} (first seen at ingest)`}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={id("replayEndpoint")}
        label="Replay endpoint (optional)"
        error={fieldError("replayEndpoint")}
        hint="Where Crossdock asks the middleware to redeliver."
        className="w-80"
      >
        <input
          {...props("replayEndpoint", true)}
          type="url"
          defaultValue={values?.replayEndpoint ?? ""}
          maxLength={2000}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://…"
          className={inputClass}
        />
      </Field>
    </>
  );
}

// What the fields above submit, in the shape the system actions take.
export function systemFormValues(data: FormData) {
  return {
    name: formText(data, "name"),
    kind: formText(data, "kind") as SystemKind,
    siteCode: formText(data, "siteCode"),
    replayEndpoint: formText(data, "replayEndpoint"),
  };
}
