"use client";

import { useMemo } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { describeRuns, nextRunTimes } from "@/lib/agents/schedule";
import { scheduleSchema } from "@/lib/agents/schedule-schema";
import { scheduleBody, type ScheduleDraft } from "./schedule-draft";

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/** Edits a schedule and shows its next five run times, live, in the chosen time zone. */
export function ScheduleEditor({
  value,
  onChange,
  errors,
}: {
  value: ScheduleDraft;
  onChange: (next: ScheduleDraft) => void;
  errors: Record<string, string>;
}) {
  const zones = useMemo(() => timeZones(), []);
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...value, ...patch });

  // Only shown for timed schedules, which the server never renders (the form starts on "manual").
  const preview = useMemo(() => {
    if (value.type === "manual") return null;
    const now = new Date();
    const parsed = scheduleSchema.safeParse(scheduleBody(value));
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid schedule" };
    return { runs: describeRuns(nextRunTimes(parsed.data, 5, now), parsed.data.timezone) };
  }, [value]);

  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-medium text-zinc-900">Schedule</legend>
      <Field label="Runs" error={errors["schedule.type"]}>
        <Select value={value.type} onChange={(e) => set({ type: e.target.value as ScheduleDraft["type"] })}>
          <option value="manual">Only when started by hand</option>
          <option value="interval">Every N minutes</option>
          <option value="cron">On a cron schedule</option>
          <option value="once">Once, at a date and time</option>
        </Select>
      </Field>
      {value.type === "interval" ? (
        <Field label="Interval in minutes" hint="1 to 10080 (one week)." error={errors["schedule.intervalMinutes"]}>
          <Input
            type="number"
            min={1}
            max={10080}
            value={value.intervalMinutes}
            onChange={(e) => set({ intervalMinutes: e.target.value })}
          />
        </Field>
      ) : null}
      {value.type === "cron" ? (
        <Field
          label="Cron expression"
          hint="minute hour day month weekday, e.g. 0 9 * * 1-5"
          error={errors["schedule.expression"]}
        >
          <Input value={value.expression} onChange={(e) => set({ expression: e.target.value })} className="font-mono" />
        </Field>
      ) : null}
      {value.type === "once" ? (
        <Field label="Date and time" hint="In your browser's time zone." error={errors["schedule.datetime"]}>
          <Input type="datetime-local" value={value.datetime} onChange={(e) => set({ datetime: e.target.value })} />
        </Field>
      ) : null}
      {value.type !== "manual" ? (
        <Field
          label="Time zone"
          hint="Run times follow this zone, daylight saving included."
          error={errors["schedule.timezone"]}
        >
          <Input value={value.timezone} onChange={(e) => set({ timezone: e.target.value })} list="agent-time-zones" />
        </Field>
      ) : null}
      <datalist id="agent-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {preview ? (
        <div className="rounded-md bg-zinc-50 px-3 py-2 text-sm" aria-live="polite">
          {"error" in preview ? (
            <p className="text-zinc-600">{preview.error}</p>
          ) : preview.runs.length === 0 ? (
            <p className="text-zinc-600">This schedule does not fire again.</p>
          ) : (
            <>
              <p className="font-medium text-zinc-700">Next runs</p>
              <ol className="mt-1 space-y-0.5 font-mono text-xs text-zinc-700" data-testid="schedule-preview">
                {preview.runs.map((r) => (
                  <li key={r.at}>{r.local}</li>
                ))}
              </ol>
            </>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
