import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "@/lib/models/anthropic-provider";
import { completeTyped } from "@/lib/models/complete-typed";
import { localProvider } from "@/lib/models/local-provider";
import type { ModelProvider } from "@/lib/models/types";
import { messageReply, startFakeAnthropic, toolUseReply, type FakeAnthropic } from "../support/anthropic-server";

let server: FakeAnthropic;
let anthropic: ModelProvider;

beforeAll(async () => {
  server = await startFakeAnthropic();
  anthropic = createAnthropicProvider({ apiKey: "sk-ant-test", baseURL: server.url });
});

afterAll(async () => {
  await server.close();
});

const fields = { root_cause: "str", severity: "enum[low, high]", count: "int" };
const request = {
  model: "claude-sonnet-4-6",
  system: "Investigate.",
  messages: [{ role: "user" as const, content: "The site is down" }],
  output: fields,
};
const options = { provider: () => anthropic, retry: { maxRetries: 0 } } as const;

describe("typed outputs", () => {
  it("asks Anthropic for a forced tool with the fields' JSON Schema and keeps its input", async () => {
    server.requests.length = 0;
    server.enqueue(toolUseReply({ root_cause: "DNS", severity: "high", count: 3 }));
    const result = await completeTyped(request, { provider: options.provider(), retry: options.retry });
    expect(result.data).toEqual({ root_cause: "DNS", severity: "high", count: 3 });
    expect(JSON.parse(result.text)).toEqual(result.data);
    const sent = server.requests[0]!.body;
    expect(sent.tool_choice).toEqual({ type: "tool", name: "answer" });
    expect(sent.tools![0]!.input_schema).toEqual({
      type: "object",
      properties: {
        root_cause: { type: "string" },
        severity: { type: "string", enum: ["low", "high"] },
        count: { type: "integer" },
      },
      required: ["root_cause", "severity", "count"],
    });
  });

  it("repairs an invalid answer once, telling the model which field was wrong", async () => {
    server.requests.length = 0;
    server.enqueue(
      toolUseReply({ root_cause: "DNS", severity: "urgent", count: 3 }),
      toolUseReply({ root_cause: "DNS", severity: "high", count: 3 }),
    );
    const result = await completeTyped(request, { provider: options.provider(), retry: options.retry });
    expect(result.data.severity).toBe("high");
    expect(server.requests).toHaveLength(2);
    expect(result.inputTokens).toBe(40);
    const repair = server.requests[1]!.body.messages.at(-1)!.content;
    expect(repair).toContain('field "severity" is invalid');
  });

  it("fails naming the field when the repaired answer is still invalid", async () => {
    server.enqueue(toolUseReply({ root_cause: "DNS", severity: "high" }), messageReply("no tool this time"));
    await expect(completeTyped(request, { provider: options.provider(), retry: options.retry })).rejects.toThrow(
      /the answer is not a JSON object/,
    );
    server.enqueue(
      toolUseReply({ root_cause: "DNS", severity: "high" }),
      toolUseReply({ root_cause: "DNS", severity: "high", count: 2.5 }),
    );
    await expect(completeTyped(request, { provider: options.provider(), retry: options.retry })).rejects.toThrow(
      /field "count" is invalid/,
    );
  });

  it("the local provider answers valid, deterministic values", async () => {
    const a = await completeTyped({ ...request, role: "investigator" }, { provider: localProvider });
    const b = await completeTyped({ ...request, role: "investigator" }, { provider: localProvider });
    expect(a.data).toEqual(b.data);
    expect(a.data).toMatchObject({ severity: "low" });
    expect(Number.isInteger(a.data.count)).toBe(true);
  });
});
