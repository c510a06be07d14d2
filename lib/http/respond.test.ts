import { describe, expect, it } from "vitest";
import { errorResponse } from "./respond";

describe("errorResponse", () => {
  it("answers a unique-constraint race with 409, not 500", async () => {
    const race = Object.assign(new Error("Unique constraint failed on the fields: (`workspaceId`,`name`)"), {
      code: "P2002",
    });
    const res = errorResponse(race);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
    const wrapped = errorResponse(new Error("query failed", { cause: { code: "23505" } }));
    expect(wrapped.status).toBe(409);
  });

  it("still answers an unknown error with 500", () => {
    expect(errorResponse(new Error("boom")).status).toBe(500);
  });
});
