import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SignInForm } from "@/components/auth/signin-form";
import { SignUpForm } from "@/components/auth/signup-form";

const router = {} as AppRouterInstance;

function serverHtml(element: ReactElement): string {
  return renderToString(createElement(AppRouterContext.Provider, { value: router }, element));
}

/** The opening `<form …>` tag of server-rendered HTML. */
function formTag(html: string): string {
  const tag = html.match(/<form\b[^>]*>/);
  expect(tag, "a form is rendered").not.toBeNull();
  return tag![0];
}

async function tsxFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".tsx")).map((e) => path.join(e.parentPath, e.name));
}

describe("forms before hydration", () => {
  it.each([
    ["sign-up", () => serverHtml(createElement(SignUpForm, { callbackUrl: null }))],
    [
      "sign-in",
      () => serverHtml(createElement(SignInForm, { callbackUrl: "/", githubEnabled: false, initialError: null })),
    ],
  ])("the server-rendered %s form cannot post or get the password anywhere", (_name, render) => {
    const html = render();
    expect(html).toContain('type="password"');
    const tag = formTag(html);
    // No method: a native submit would otherwise post (or GET) the fields to the page.
    expect(tag).not.toMatch(/\smethod=/i);
    // React's placeholder action: a native submit runs no request at all.
    expect(tag).toMatch(/\saction="javascript:/);
    // Until hydrated, the fields and the submit button sit in a disabled fieldset: nothing to type and lose, nothing to submit.
    const fieldset = html.slice(html.indexOf(tag) + tag.length).match(/^<fieldset\b[^>]*>/);
    expect(fieldset?.[0]).toMatch(/\sdisabled=""/);
    expect(html.indexOf('type="submit"')).toBeGreaterThan(html.indexOf(fieldset![0]));
    expect(html.indexOf('type="submit"')).toBeLessThan(html.indexOf("</fieldset>"));
  });

  it("every form in the app is the shared Form, never a bare <form>", async () => {
    const files = [...(await tsxFiles("components")), ...(await tsxFiles("app"))];
    const bare = [];
    for (const file of files) {
      if (file === path.join("components", "ui", "form.tsx")) continue;
      if (/<form[\s>]/.test(await readFile(file, "utf8"))) bare.push(file);
    }
    expect(bare).toEqual([]);
  });
});
