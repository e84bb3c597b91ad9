import { describe, expect, it } from "vitest";
import { z } from "zod";
import { listField } from "#app/lib/form-fields.ts";
import { failureOf, parseForm, withDefaultIntent } from "#app/lib/forms.ts";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

const schema = z.object({
  name: z.string().trim().min(1).max(10),
  email: z.email().optional(),
  orcid: z
    .string()
    .optional()
    .refine((v) => !v || v.length === 19, "validation.orcid"),
  tags: listField(2, 5),
});

describe("parseForm", () => {
  it("passes a good form on as the schema made it", () => {
    expect(
      parseForm(
        schema,
        form([
          ["name", " Ada "],
          ["tags", "a, b, a"],
        ]),
        "en",
      ),
    ).toEqual({ ok: true, data: { name: "Ada", tags: ["a", "b"], email: undefined, orcid: undefined } });
  });

  it.each([
    { why: "blank is missing", entries: [["name", "\u200B \u00A0"]], field: "name", message: "Fill this in." },
    { why: "a missing field is missing", entries: [], field: "name", message: "Fill this in." },
    {
      why: "too long, worded by zod's issue code",
      entries: [["name", "x".repeat(11)]],
      field: "name",
      message: "Use at most 10 characters.",
    },
    {
      why: "a schema's own message is a catalogue key, translated",
      entries: [
        ["name", "A"],
        ["orcid", "123"],
      ],
      field: "orcid",
      message: "This is not a valid ORCID iD (e.g. 0000-0002-1825-0097).",
    },
    {
      why: "in Swedish for a Swedish reader",
      entries: [["name", ""]],
      field: "name",
      message: "Fyll i det här fältet.",
      locale: "sv" as const,
    },
    {
      why: "a list item's error is shown on its field",
      entries: [
        ["name", "A"],
        ["tags", "toolong"],
      ],
      field: "tags",
      message: "Use at most 5 characters.",
    },
    {
      why: "a control character is an error on its field, known to the schema or not",
      entries: [
        ["name", "A"],
        ["other", "x\u0000"],
      ],
      field: "other",
      message: "Remove the invisible control character U+0000 (character 2): it cannot be stored.",
    },
  ] as { why: string; entries: [string, string][]; field: string; message: string; locale?: "sv" | "en" }[])(
    "$why",
    ({ entries, field, message, locale }) => {
      const result = parseForm(schema, form(entries), locale ?? "en");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.failure.fieldErrors[field]).toBe(message);
    },
  );

  it("keeps what was typed, never the token or a password", () => {
    const result = parseForm(
      schema,
      form([
        ["name", ""],
        ["csrf", "t"],
        ["password", "secret"],
        ["newPassword", "secret"],
        ["email", "a@b.se"],
      ]),
      "en",
    );
    expect(result.ok ? null : result.failure.values).toEqual({ name: "", email: "a@b.se" });
  });

  it("ignores the names Conform keeps for its own state, whatever they hold", () => {
    for (const [name, value] of [
      ["__intent__", "x"],
      ["__state__", "{not json"],
      ["__intent__", '{"type":"reset"}'],
    ]) {
      const form = new FormData();
      form.set(name!, value!);
      form.set("name", "Ada");
      expect(() => parseForm(z.object({ name: z.string() }), form, "en")).not.toThrow();
      expect(parseForm(z.object({ name: z.string() }), form, "en")).toEqual({ ok: true, data: { name: "Ada" } });
    }
  });

  it("answers one failure shape", () => {
    const result = parseForm(schema, form([]), "en");
    expect(result.ok ? null : failureOf(result.failure)).toMatchObject({ status: "error", formErrors: [], values: {} });
    expect(failureOf({ status: "saved" })).toBeUndefined();
  });

  it("reads intents as a discriminated union, with a default for the form that has none", () => {
    const intents = withDefaultIntent(
      "save",
      z.discriminatedUnion("intent", [
        z.object({ intent: z.literal("join"), organization: z.string() }),
        z.object({ intent: z.literal("save"), name: z.string() }),
      ]),
    );
    expect(parseForm(intents, form([["name", "Ada"]]), "en")).toEqual({ ok: true, data: { intent: "save", name: "Ada" } });
    expect(
      parseForm(
        intents,
        form([
          ["intent", "join"],
          ["organization", "KTH"],
        ]),
        "en",
      ),
    ).toEqual({ ok: true, data: { intent: "join", organization: "KTH" } });
    const unknown = parseForm(intents, form([["intent", "delete"]]), "en");
    expect(unknown.ok ? null : Object.keys(unknown.failure.fieldErrors)).toEqual(["intent"]);
  });
});
