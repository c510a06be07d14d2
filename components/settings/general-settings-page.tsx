"use client";

import { useState, type FormEvent } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useRenameWorkspace } from "@/lib/queries/use-workspace";

export function GeneralSettingsPage() {
  const { workspace } = useCurrentWorkspace();
  const rename = useRenameWorkspace(workspace.slug);
  const [name, setName] = useState(workspace.name);
  const allowed = workspace.role === "owner" || workspace.role === "admin";

  function submit(e: FormEvent) {
    e.preventDefault();
    rename.mutate({ name });
  }

  const fieldErrors = rename.error instanceof ApiError ? rename.error.fieldErrors : {};
  return (
    <>
      <PageHeader title="General" description="The workspace’s name and address." />
      <PageBody>
        <Card>
          <CardHeader title="Workspace" />
          <Form onSubmit={submit} noValidate className="space-y-4 p-5">
            <Field
              label="Name"
              error={fieldErrors.name}
              hint={allowed ? undefined : "Only owners and admins can rename the workspace."}
            >
              <Input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={60}
                disabled={!allowed}
                required
              />
            </Field>
            <Field label="URL slug" hint="Used in dashboard links and the X-Workspace header.">
              <Input value={workspace.slug} readOnly disabled className="font-mono" />
            </Field>
            {rename.error && !fieldErrors.name ? <Alert tone="error">{errorMessage(rename.error)}</Alert> : null}
            {rename.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
            {allowed ? (
              <div className="flex justify-end">
                <Button type="submit" loading={rename.isPending} disabled={name.trim() === workspace.name}>
                  Save
                </Button>
              </div>
            ) : null}
          </Form>
        </Card>
      </PageBody>
    </>
  );
}
