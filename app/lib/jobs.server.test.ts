import { describe, expect, it } from "vitest";
import {
  checkPayload,
  isOutboxTopic,
  OUTBOX_QUEUES,
  parsePayload,
  QUEUE_NAMES,
  QUEUES,
  TOPICS,
  topicsOf,
  type OutboxTopic,
} from "#app/lib/jobs.server.ts";

const ID = "0b6f7c52-3f0e-4d7a-9a51-6c2f1e8d4a10";

describe("the registry of queues and topics", () => {
  it("sends every topic to a declared queue, and names the queues the dispatcher feeds", () => {
    for (const [topic, spec] of Object.entries(TOPICS)) expect(QUEUE_NAMES, topic).toContain(spec.queue);
    expect(OUTBOX_QUEUES.sort()).toEqual(["consortia", "email", "search"]);
    expect(topicsOf("email")).toEqual(["email.send", "account.password-reset"]);
    expect(topicsOf("maintenance")).toEqual([]);
    expect(isOutboxTopic("email.send")).toBe(true);
    expect(isOutboxTopic("toString")).toBe(false);
  });

  it("gives every queue retries with backoff", () => {
    for (const name of QUEUE_NAMES) expect(QUEUES[name].retry.attempts, name).toBeGreaterThan(1);
  });

  it.each<[OutboxTopic, unknown]>([
    ["email.send", { to: "anna@example.se", subject: "Hello", text: "Body" }],
    ["account.password-reset", { email: "anna@example.se", locale: "sv" }],
    ["search.postings", { postingIds: [ID] }],
    ["search.organizations", { organizationIds: [] }],
    ["search.people", { userIds: [ID, ID.toUpperCase()] }],
    ["consortium.changed", { consortiumId: ID }],
  ])("accepts a well-formed %s payload", (topic, payload) => {
    expect(checkPayload(topic, payload)).toEqual({ ok: true, payload });
  });

  it.each<[OutboxTopic, unknown, string]>([
    [
      "email.send",
      { to: "anna@example.se", subject: 42, text: "Body" },
      "Invalid email.send payload: subject: Invalid input: expected string, received number",
    ],
    [
      "email.send",
      { to: "anna@example.se\r\nBcc: all@example.se", subject: "s", text: "t" },
      "Invalid email.send payload: to: must be one email address",
    ],
    [
      "email.send",
      { to: "anna@example.se, bo@example.se", subject: "s", text: "t" },
      "Invalid email.send payload: to: must be one email address",
    ],
    ["email.send", "hello", "Invalid email.send payload: (whole payload): Invalid input: expected object, received string"],
    [
      "account.password-reset",
      { email: "anna@example.se", locale: "de" },
      'Invalid account.password-reset payload: locale: Invalid option: expected one of "sv"|"en"',
    ],
    ["search.postings", { postingIds: [ID, "42"] }, "Invalid search.postings payload: postingIds.1: must be an id"],
    [
      "search.organizations",
      { organizationIds: ID },
      "Invalid search.organizations payload: organizationIds: Invalid input: expected array, received string",
    ],
    ["search.people", {}, "Invalid search.people payload: userIds: Invalid input: expected array, received undefined"],
    [
      "consortium.changed",
      { consortiumId: 7 },
      "Invalid consortium.changed payload: consortiumId: Invalid input: expected string, received number",
    ],
  ])("refuses a malformed %s payload, naming the topic and the field", (topic, payload, error) => {
    expect(checkPayload(topic, payload)).toEqual({ ok: false, error });
    expect(() => parsePayload(topic, payload)).toThrow(error);
  });

  it("names every problem of a payload", () => {
    const checked = checkPayload("email.send", { to: "nobody", text: 1 });
    expect(checked).toEqual({
      ok: false,
      error:
        "Invalid email.send payload: to: must be one email address; subject: Invalid input: expected string, received undefined; text: Invalid input: expected string, received number",
    });
  });
});
