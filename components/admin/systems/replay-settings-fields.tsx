import type { SystemListItem } from "@/lib/queries/list-systems";
import { describedBy, Field } from "../form-parts";
import { inputClass } from "../form-styles";
import { formText } from "../use-action-form";

// How replays reach this system's endpoint. The auth header is write-only: the screen
// only knows whether one is set; leaving the field empty keeps it.
export function ReplaySettingsFields({
  idPrefix,
  system,
  fieldError,
}: {
  idPrefix: string;
  system: SystemListItem;
  fieldError: (name: string) => string | undefined;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const props = (field: string, hasHint = false) => {
    const error = fieldError(field);
    return {
      id: id(field),
      name: field,
      "aria-invalid": Boolean(error),
      "aria-describedby": describedBy(id(field), error, hasHint),
    };
  };
  const r = system.replay;
  return (
    <fieldset className="flex basis-full flex-wrap items-start gap-3 border-t border-zinc-100 pt-3">
      <legend className="sr-only">Replay delivery</legend>
      <Field
        id={id("replayAuthHeader")}
        label={`Auth header (${r.authHeaderSet ? "set" : "not set"})`}
        error={fieldError("replayAuthHeader")}
        hint={r.authHeaderSet ? "Empty keeps the stored one." : "e.g. Bearer <token>; stored encrypted."}
        className="w-72"
      >
        <input
          {...props("replayAuthHeader", true)}
          type="password"
          defaultValue=""
          autoComplete="new-password"
          maxLength={4000}
          placeholder={r.authHeaderSet ? "•••••••• (set)" : "Bearer …"}
          className={inputClass}
        />
      </Field>
      {r.authHeaderSet ? (
        <label className="flex items-center gap-1.5 pt-7 text-xs text-zinc-700">
          <input type="checkbox" name="clearReplayAuthHeader" /> Remove the auth header
        </label>
      ) : null}
      <Field id={id("replayTimeoutMs")} label="Timeout (ms)" error={fieldError("replayTimeoutMs")} className="w-28">
        <input
          {...props("replayTimeoutMs")}
          type="number"
          min={100}
          max={120000}
          defaultValue={r.timeoutMs}
          className={inputClass}
        />
      </Field>
      <Field id={id("replayConcurrency")} label="Concurrency" error={fieldError("replayConcurrency")} className="w-28">
        <input
          {...props("replayConcurrency")}
          type="number"
          min={1}
          max={200}
          defaultValue={r.concurrency}
          className={inputClass}
        />
      </Field>
      <Field
        id={id("replayRatePerSecond")}
        label="Rate (per s)"
        error={fieldError("replayRatePerSecond")}
        className="w-28"
      >
        <input
          {...props("replayRatePerSecond")}
          type="number"
          min={1}
          max={10000}
          defaultValue={r.ratePerSecond}
          className={inputClass}
        />
      </Field>
      <Field
        id={id("recordCheckUrl")}
        label="Record check URL (optional)"
        error={fieldError("recordCheckUrl")}
        hint="Asked before resending; {workflow} and {businessKey} are filled in. 200: already posted, 404: send."
        className="w-96"
      >
        <input
          {...props("recordCheckUrl", true)}
          type="url"
          defaultValue={r.recordCheckUrl ?? ""}
          maxLength={2000}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://erp.example.com/records/{workflow}/{businessKey}"
          className={inputClass}
        />
      </Field>
    </fieldset>
  );
}

// What the fields above submit, in the shape updateSystemAction takes.
export function replaySettingsValues(data: FormData) {
  return {
    replayAuthHeader: formText(data, "replayAuthHeader"),
    clearReplayAuthHeader: data.get("clearReplayAuthHeader") === "on",
    replayTimeoutMs: formText(data, "replayTimeoutMs"),
    replayConcurrency: formText(data, "replayConcurrency"),
    replayRatePerSecond: formText(data, "replayRatePerSecond"),
    recordCheckUrl: formText(data, "recordCheckUrl"),
  };
}
