import { describe, expect, it } from "vitest";
import { allowPrivateEndpoints, allowPrivateToolEndpoints, type Env } from "./index";

const envWith = (values: Partial<Env>): Env =>
  ({
    ALLOW_PRIVATE_ENDPOINTS: "0",
    ALLOW_PRIVATE_MODEL_ENDPOINTS: "0",
    ALLOW_PRIVATE_TOOL_ENDPOINTS: "0",
    ...values,
  }) as Env; // Only the three switches are read.

describe("private endpoints", () => {
  it("are refused by default", () => {
    expect([allowPrivateEndpoints(envWith({})), allowPrivateToolEndpoints(envWith({}))]).toEqual([false, false]);
  });

  it("ALLOW_PRIVATE_ENDPOINTS=1 is one switch for every endpoint a user names", () => {
    const e = envWith({ ALLOW_PRIVATE_ENDPOINTS: "1" });
    expect([allowPrivateEndpoints(e), allowPrivateToolEndpoints(e)]).toEqual([true, true]);
  });

  it("the older names each still open their own kind", () => {
    const models = envWith({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "1" });
    const tools = envWith({ ALLOW_PRIVATE_TOOL_ENDPOINTS: "1" });
    expect([allowPrivateEndpoints(models), allowPrivateToolEndpoints(models)]).toEqual([true, false]);
    expect([allowPrivateEndpoints(tools), allowPrivateToolEndpoints(tools)]).toEqual([false, true]);
  });
});
