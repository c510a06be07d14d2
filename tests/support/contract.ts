import type { ApiOperation } from "@/lib/api/operation";
import { errorSchema, errorStatuses } from "@/lib/api/openapi";
import { zodMessage } from "@/lib/http/respond";

/**
 * Checks a response against what its operation declares: a success status it
 * lists, with a body its schema accepts, or an error status it (or every
 * operation of its kind) may answer, in the one error shape. Throws naming the
 * operation, the status and the first field that differs.
 */
export function checkResponse(operation: ApiOperation, status: number, contentType: string | null, body: unknown) {
  const where = `${operation.method.toUpperCase()} ${operation.path} answered ${status}`;
  if (status >= 400) {
    if (!errorStatuses(operation).includes(status) && !operation.responses[status]) {
      throw new Error(`${where}, which its operation does not declare (add it to \`errors\`).`);
    }
    const parsed = errorSchema.safeParse(body);
    if (!parsed.success) throw new Error(`${where} without the error shape: ${zodMessage(parsed.error)}`);
    return;
  }
  if (status === 304) return;
  const declared = operation.responses[status];
  if (!declared) throw new Error(`${where}, which its operation does not declare.`);
  if (!declared.schema || !(contentType ?? "").includes("json")) return;
  if ((contentType ?? "").includes("ndjson")) {
    // JSON Lines: the schema is each line's.
    (Array.isArray(body) ? body : []).forEach((line, i) => {
      const parsed = declared.schema!.safeParse(line);
      if (!parsed.success)
        throw new Error(`${where} with line ${i + 1} its schema refuses: ${zodMessage(parsed.error)}`);
    });
    return;
  }
  const parsed = declared.schema.safeParse(body);
  if (!parsed.success) throw new Error(`${where} with a body its schema refuses: ${zodMessage(parsed.error)}`);
}
