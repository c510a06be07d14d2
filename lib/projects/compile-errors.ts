import "server-only";
import { badRequest, type AppError } from "@/lib/http/errors";
import { sortErrors } from "./compile-project";
import type { CompileError } from "./types";

/** A 400 listing every compile error as `{ field: "files.<path>", file, line, message }`. */
export function compileErrors(errors: CompileError[]): AppError {
  const sorted = sortErrors(errors);
  const first = sorted[0]!;
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : "";
  return badRequest(
    `The project does not compile: ${first.file}:${first.line}: ${first.message}${more}`,
    sorted.map(({ refusesPush: _r, ...e }) => ({ field: `files.${e.file}`, ...e })),
  );
}
