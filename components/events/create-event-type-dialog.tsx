"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useCreateEventType } from "@/lib/queries/use-events";
import { FIELD_KINDS, fieldsOf, newFieldRow, rowError, type FieldKind, type FieldRow } from "./event-drafts";

function CreateForm({ slug, onClose }: { slug: string; onClose: () => void }) {
  const create = useCreateEventType(slug);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [rows, setRows] = useState<FieldRow[]>(() => [newFieldRow()]);

  const setRow = (key: string, patch: Partial<FieldRow>) =>
    setRows((r) => r.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = description.trim();
    create.mutate(
      { name: name.trim(), fields: fieldsOf(rows), ...(text ? { description: text } : {}) },
      { onSuccess: onClose },
    );
  }

  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const rowErrors = rows.map((row) => rowError(fieldErrors, row));
  const fieldsError = fieldErrors.fields;
  const formError =
    create.error && !fieldErrors.name && !fieldErrors.description && !fieldsError && !rowErrors.some(Boolean)
      ? errorMessage(create.error)
      : null;

  return (
    <Form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="Name"
        hint="Letters, digits, _, - and ., starting with a letter: how a workflow's trigger and a step's emits name it, e.g. Incident."
        error={fieldErrors.name}
      >
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} required autoFocus />
      </Field>
      <Field label="Description (optional)" error={fieldErrors.description}>
        <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-900">Fields</legend>
        <p className="text-xs text-zinc-500">
          Every event of this type must carry each field, with a value of its type.
        </p>
        {rows.map((row, i) => (
          <div key={row.key} className="space-y-2 rounded-md border border-zinc-200 p-3" data-testid="event-field-row">
            <div className="grid gap-2 sm:grid-cols-[1fr_11rem_auto] sm:items-end">
              <Field label={`Field ${i + 1} name`} error={rowErrors[i]}>
                <Input
                  value={row.name}
                  onChange={(e) => setRow(row.key, { name: e.target.value })}
                  maxLength={40}
                  placeholder="title"
                />
              </Field>
              <Field label={`Field ${i + 1} type`}>
                <Select value={row.kind} onChange={(e) => setRow(row.key, { kind: e.target.value as FieldKind })}>
                  {FIELD_KINDS.map((k) => (
                    <option key={k.value} value={k.value}>
                      {k.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}
                disabled={rows.length === 1}
              >
                Remove<span className="sr-only"> field {i + 1}</span>
              </Button>
            </div>
            {row.kind === "enum" ? (
              <Field label={`Field ${i + 1} values`} hint="Separated by commas, e.g. sentry, linear.">
                <Input value={row.values} onChange={(e) => setRow(row.key, { values: e.target.value })} />
              </Field>
            ) : null}
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setRows((r) => [...r, newFieldRow()])}>
          Add field
        </Button>
        {fieldsError ? <p className="text-xs font-medium text-red-600">{fieldsError}</p> : null}
      </fieldset>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter confirmLabel="Create event type" onCancel={onClose} pending={create.isPending} />
    </Form>
  );
}

/** Declares a typed event type from the dashboard, as POST /api/v1/event-types does. */
export function CreateEventTypeDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New event type"
      description="A typed event that starts the workflows whose trigger names it."
    >
      {open ? <CreateForm slug={slug} onClose={onClose} /> : null}
    </Dialog>
  );
}
