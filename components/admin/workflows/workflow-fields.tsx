import { SLA_MINUTES_MAX, SLA_MINUTES_MIN, type SystemKind } from "@/lib/domain/catalogue";
import { describedBy, Field } from "../form-parts";
import { inputClass, selectClass } from "../form-styles";
import { KindOptions } from "../kind-options";
import { formText } from "../use-action-form";

export interface WorkflowFieldValues {
  description: string | null;
  sourceKind: string | null;
  targetKind: string | null;
  owner: string | null;
  systemOfRecord: string | null;
  slaMinutes: number;
  siteSlas?: Record<string, number>;
}

type FieldName = keyof WorkflowFieldValues;

// The editable fields of a workflow, shared by the create and edit forms.
export function WorkflowFields({
  idPrefix,
  values,
  fieldError,
}: {
  idPrefix: string;
  values?: WorkflowFieldValues;
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
      <Field id={id("description")} label="Description" error={fieldError("description")} className="w-72">
        <input
          {...props("description")}
          defaultValue={values?.description ?? ""}
          maxLength={500}
          autoComplete="off"
          className={inputClass}
        />
      </Field>
      <Field id={id("sourceKind")} label="From" error={fieldError("sourceKind")}>
        <select {...props("sourceKind")} defaultValue={values?.sourceKind ?? ""} className={`${selectClass} w-32`}>
          <KindOptions none="—" />
        </select>
      </Field>
      <Field id={id("targetKind")} label="To" error={fieldError("targetKind")}>
        <select {...props("targetKind")} defaultValue={values?.targetKind ?? ""} className={`${selectClass} w-32`}>
          <KindOptions none="—" />
        </select>
      </Field>
      <Field id={id("owner")} label="Owner" error={fieldError("owner")}>
        <input
          {...props("owner")}
          defaultValue={values?.owner ?? ""}
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. Outbound"
          className={`${inputClass} w-44`}
        />
      </Field>
      <Field id={id("systemOfRecord")} label="System of record" error={fieldError("systemOfRecord")}>
        <select
          {...props("systemOfRecord")}
          defaultValue={values?.systemOfRecord ?? ""}
          className={`${selectClass} w-36`}
        >
          <KindOptions none="—" />
        </select>
      </Field>
      <Field
        id={id("slaMinutes")}
        label="SLA (minutes)"
        error={fieldError("slaMinutes")}
        hint="No progress for longer counts as stuck."
      >
        <input
          {...props("slaMinutes", true)}
          type="number"
          inputMode="numeric"
          required
          min={SLA_MINUTES_MIN}
          max={SLA_MINUTES_MAX}
          step={1}
          defaultValue={values?.slaMinutes ?? 60}
          className={`${inputClass} w-32`}
        />
      </Field>
      <Field
        id={id("siteSlas")}
        label="SLA per site (minutes)"
        error={fieldError("siteSlas")}
        hint="Sites on another rhythm, e.g. south=270; others use the SLA."
      >
        <input
          {...props("siteSlas", true)}
          defaultValue={siteSlaText(values?.siteSlas)}
          autoComplete="off"
          placeholder="e.g. south=270"
          className={`${inputClass} w-52`}
        />
      </Field>
    </>
  );
}

// What the fields above submit, in the shape the workflow actions take.
export function workflowFormValues(data: FormData) {
  const sla = formText(data, "slaMinutes").trim();
  return {
    description: formText(data, "description"),
    sourceKind: formText(data, "sourceKind") as SystemKind | "",
    targetKind: formText(data, "targetKind") as SystemKind | "",
    owner: formText(data, "owner"),
    systemOfRecord: formText(data, "systemOfRecord") as SystemKind | "",
    slaMinutes: sla === "" ? Number.NaN : Number(sla),
    // "south=270, central=45"; the service parses and checks it
    siteSlas: formText(data, "siteSlas"),
  };
}

export function siteSlaText(slas: Record<string, number> | undefined): string {
  return Object.entries(slas ?? {})
    .map(([site, minutes]) => `${site}=${minutes}`)
    .join(", ");
}
