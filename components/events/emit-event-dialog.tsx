"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { EventType } from "@/lib/queries/event-types";
import { useEmitEvent } from "@/lib/queries/use-events";
import { EventItem } from "./event-list";
import { dataOf, inputKindOf } from "./event-drafts";

function EmitForm({ slug, type, onClose }: { slug: string; type: EventType; onClose: () => void }) {
  const emit = useEmitEvent(slug);
  const [typed, setTyped] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    emit.mutate({ name: type.name, data: dataOf(type.fields, typed) });
  }

  if (emit.data) {
    const { event, runs } = emit.data;
    return (
      <div className="space-y-4" data-testid="emitted-event">
        <Alert tone="success">
          {runs.length === 0
            ? "Event emitted. No active workflow starts on it yet."
            : `Event emitted: it started ${runs.length} ${runs.length === 1 ? "run" : "runs"}.`}
        </Alert>
        <ul className="rounded-md border border-zinc-200">
          <EventItem slug={slug} event={{ ...event, runs }} />
        </ul>
        <DialogActions>
          <Button variant="secondary" onClick={() => emit.reset()}>
            Emit another
          </Button>
          <Button onClick={onClose}>Done</Button>
        </DialogActions>
      </div>
    );
  }

  const fieldErrors = emit.error instanceof ApiError ? emit.error.fieldErrors : {};
  const errorOf = (field: string) => fieldErrors[`data.${field}`];
  const shownError = Object.keys(type.fields).some((f) => errorOf(f));
  const formError = emit.error && !shownError ? errorMessage(emit.error) : null;
  const entries = Object.entries(type.fields);
  return (
    <Form onSubmit={submit} noValidate className="space-y-4">
      {entries.length === 0 ? <p className="text-sm text-zinc-600">This type has no fields.</p> : null}
      {entries.map(([field, fieldType]) => {
        const input = inputKindOf(fieldType);
        const set = (value: string) => setTyped((t) => ({ ...t, [field]: value }));
        return (
          <Field key={field} label={field} hint={fieldType} error={errorOf(field)}>
            {input.kind === "enum" ? (
              <Select value={typed[field] ?? ""} onChange={(e) => set(e.target.value)}>
                <option value="">Choose…</option>
                {input.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                value={typed[field] ?? ""}
                onChange={(e) => set(e.target.value)}
                inputMode={input.kind === "int" ? "numeric" : undefined}
                type={fieldType === "url" ? "url" : "text"}
              />
            )}
          </Field>
        );
      })}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter confirmLabel="Emit event" onCancel={onClose} pending={emit.isPending} />
    </Form>
  );
}

/** Emits a test event of a type, as POST /api/v1/events does, and shows the runs it started. */
export function EmitEventDialog({
  slug,
  type,
  onClose,
}: {
  slug: string;
  type: EventType | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={type !== null}
      onClose={onClose}
      title={`Emit a test “${type?.name ?? ""}” event`}
      description="It starts every active workflow triggered by this type, as an event from the API would."
    >
      {type ? <EmitForm key={type.id} slug={slug} type={type} onClose={onClose} /> : null}
    </Dialog>
  );
}
