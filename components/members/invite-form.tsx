"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { Role } from "@/lib/queries/types";
import { useCreateInvite } from "@/lib/queries/use-invites";
import { assignableRoles, roleLabels } from "./roles";

/** Invites someone by email; the link to share is shown once below the form. */
export function InviteForm({ slug, actorRole }: { slug: string; actorRole: Role }) {
  const create = useCreateInvite(slug);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ email, role }, { onSuccess: () => setEmail("") });
  }

  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const formError = create.error && !fieldErrors.email && !fieldErrors.role ? errorMessage(create.error) : null;

  return (
    <Card>
      <CardHeader
        title="Invite a member"
        description="They join with the role you pick once they open the link and sign in with this email."
      />
      <Form onSubmit={submit} noValidate className="space-y-4 p-5">
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
          <Field label="Email" error={fieldErrors.email}>
            <Input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="off"
              placeholder="teammate@example.com"
              required
            />
          </Field>
          <Field label="Role" error={fieldErrors.role}>
            <Select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {assignableRoles(actorRole).map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" loading={create.isPending} className="sm:mt-[1.625rem]">
            Create invite
          </Button>
        </div>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {create.data ? (
          <Alert
            tone={create.data.emailError ? "warning" : "success"}
            title={`Invite created for ${create.data.email}`}
          >
            <p>
              {create.data.emailed
                ? "We emailed them this link. You can also send it yourself: it is shown only now and works for 7 days."
                : "Send them this link. It is shown only now and works for 7 days."}
            </p>
            {create.data.emailError ? (
              <p className="mt-1 font-medium text-amber-800">The email did not go out: {create.data.emailError}</p>
            ) : null}
            <div className="mt-2 flex gap-2">
              <label htmlFor="invite-link" className="sr-only">
                Invite link
              </label>
              <input
                id="invite-link"
                readOnly
                value={create.data.url}
                onFocus={(e) => e.currentTarget.select()}
                className="h-8 min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 font-mono text-xs text-zinc-900"
              />
              <CopyButton value={create.data.url} label="Copy link" />
            </div>
          </Alert>
        ) : null}
      </Form>
    </Card>
  );
}
