import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getRun } from "@/lib/runs/get-run";

/** A run with its steps in order; poll until the status is completed, failed or cancelled. */
export const GET = withWorkspace(async ({ scope, params }) => json(await getRun(scope, params.id!)));
