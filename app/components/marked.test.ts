import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MARK_END, MARK_START } from "#search/marks.ts";
import { Marked } from "#app/components/marked.tsx";

const html = (text: string) => renderToStaticMarkup(createElement(Marked, { text }));

describe("Marked", () => {
  it("marks what search marked", () => {
    expect(html(`Condition ${MARK_START}monitoring${MARK_END} of drives`)).toBe(
      "<span>Condition </span><mark>monitoring</mark><span> of drives</span>",
    );
  });

  it("gives a title's own control characters no highlight (stored before forms refused them)", () => {
    expect(html("Sensors \u0001fake\u0002 highlight")).not.toContain("<mark>");
  });

  it("shows markup in the text as text", () => {
    expect(html(`${MARK_START}<b>x</b>${MARK_END}`)).toContain("<mark>&lt;b&gt;x&lt;/b&gt;</mark>");
  });
});
