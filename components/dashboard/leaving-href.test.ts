import { describe, expect, it } from "vitest";
import { leavingHref } from "./leaving-href";

const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
const here = "http://app.test/w/acme/workflows/wf1?edit=graph";
const link = (href: string, more: Partial<{ target: string; hasDownload: boolean }> = {}) => ({
  href,
  target: "",
  hasDownload: false,
  ...more,
});

describe("leavingHref", () => {
  it("returns where a plain click on a link to another page of the app goes", () => {
    expect(leavingHref(click, link("http://app.test/w/acme/workflows"), here)).toBe("/w/acme/workflows");
    expect(leavingHref(click, link("/w/other"), here)).toBe("/w/other");
    // The same page without the editor open is another page.
    expect(leavingHref(click, link("/w/acme/workflows/wf1"), here)).toBe("/w/acme/workflows/wf1");
  });

  it("leaves alone clicks that do not leave the page in this tab", () => {
    expect(leavingHref(click, null, here)).toBeNull();
    expect(leavingHref(click, link("#versions"), here)).toBeNull();
    expect(leavingHref(click, link("https://docs.example/x"), here)).toBeNull();
    expect(leavingHref(click, link("/w/acme", { target: "_blank" }), here)).toBeNull();
    expect(leavingHref(click, link("/export.json", { hasDownload: true }), here)).toBeNull();
    expect(leavingHref({ ...click, metaKey: true }, link("/w/acme"), here)).toBeNull();
    expect(leavingHref({ ...click, button: 1 }, link("/w/acme"), here)).toBeNull();
    expect(leavingHref({ ...click, defaultPrevented: true }, link("/w/acme"), here)).toBeNull();
  });
});
