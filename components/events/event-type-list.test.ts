import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EventType } from "@/lib/queries/event-types";
import { EventTypeList } from "./event-type-list";

const type = (webhook: EventType["webhook"]): EventType => ({
  id: "et_1",
  name: "Alert",
  fields: { title: "str" },
  description: null,
  webhook,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
});

const render = (t: EventType) =>
  renderToStaticMarkup(
    createElement(EventTypeList, {
      types: [t],
      onWebhook: () => {},
      onDisable: () => {},
      onEmit: () => {},
      pendingId: null,
    }),
  );

describe("event type list", () => {
  it("says why a legacy webhook is weaker and offers rotating it to Standard Webhooks", () => {
    const html = render(type({ enabled: true, url: "http://localhost/api/hooks/hk_1", scheme: "legacy" }));
    expect(html).toContain("Replayable");
    expect(html).toContain("anyone who captures one delivery can send it again");
    expect(html).toContain("Rotate to Standard Webhooks");
  });

  it("shows a Standard Webhooks hook without the warning", () => {
    const html = render(type({ enabled: true, url: "http://localhost/api/hooks/hk_1", scheme: "standard" }));
    expect(html).not.toContain("Replayable");
    expect(html).not.toContain("Older webhook scheme");
    expect(html).toContain("Rotate webhook");
    expect(render(type({ enabled: false }))).toContain("Create webhook");
  });

  it("offers a test event of each type", () => {
    expect(render(type({ enabled: false }))).toContain("Emit test event");
  });
});
