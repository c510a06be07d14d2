import type { z } from "zod";

/**
 * Reads a group of environment variables once, validated by `schema`; an
 * invalid value stops the process with every bad field named. `reset` makes
 * the next read see a changed environment (tests).
 */
export function envReader<S extends z.ZodType>(schema: S, what: string) {
  let cached: z.output<S> | undefined;
  return {
    read(): z.output<S> {
      if (cached === undefined) {
        const parsed = schema.safeParse(process.env);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
          throw new Error(`Invalid ${what}: ${fields.join("; ")}`);
        }
        cached = parsed.data;
      }
      return cached;
    },
    reset(): void {
      cached = undefined;
    },
  };
}
