import { describe, expect, it } from "vitest";
import { replyProse } from "./reply-text";

describe("a reply's prose", () => {
  it("drops the proposal blocks (shown as cards), closed or cut short, and the simulated marker", () => {
    const text =
      '[simulated m] Here it is.\n\n```workflow-create\n{"name": "a"}\n```\n\n```json\n{}\n```\nClick Create.\n```agent-create\n{"na';
    expect(replyProse(text)).toBe("Here it is.\n\n```json\n{}\n```\nClick Create.");
  });
});
