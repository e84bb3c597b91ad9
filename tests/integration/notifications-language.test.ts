// Notifications are stored by key and rendered in the language the reader reads in when
// they read them: news written while someone read English reads in Swedish after they
// switch. Rows written before keys existed still show the text they were stored with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

describe("notifications in the reader's language", () => {
  it("renders stored keys in the language chosen now, and old rows as they were stored", async () => {
    const reader = new Client(web.url);
    await reader.register("Nora Notified", "nora-notified@example.se");
    const prisma = getPrisma();
    const me = (await prisma.user.findUniqueOrThrow({ where: { email: "nora-notified@example.se" } })).id;
    await prisma.$transaction((tx) =>
      notifyUsers(tx, [me], {
        kind: "organization.group-approved",
        title: "group.approved.title",
        body: "group.approved.body",
        vars: {
          org: "Halm Radar AB",
          person: "Per Persson",
          change: { key: "group.change.join", vars: { org: "Halm Radar AB", parent: "Halm AB" } },
        },
        link: "/",
      }),
    );
    await prisma.notification.create({
      data: { userId: me, kind: "test", title: "Written before keys", body: "Stored text", createdAt: new Date("2026-06-01T12:05:09Z") },
    });
    const stored = await prisma.notification.findFirstOrThrow({ where: { userId: me, kind: "organization.group-approved" } });
    expect(stored).toMatchObject({ titleKey: "group.approved.title", bodyKey: "group.approved.body" });

    const english = await text(await reader.get("/notifications"));
    expect(english).toContain("Change of corporate group approved: Halm Radar AB");
    expect(english).toContain("Per Persson approved Halm Radar AB to be controlled by Halm AB.");
    expect(english).toContain("Written before keys");

    expect((await reader.post("/lang", { lang: "sv", redirectTo: "/notifications" })).status).toBe(302);
    const swedish = await text(await reader.get("/notifications"));
    expect(swedish).toContain("Ändrad koncerntillhörighet godkänd: Halm Radar AB");
    expect(swedish).not.toContain("Change of corporate group approved");
    expect(swedish).toContain("Written before keys");
    // To the minute, in Stockholm's time, never seconds.
    expect(swedish.replace(/[\u00a0\u202f]/g, " ")).toContain("1 juni 2026 14:05<");
    expect(swedish).not.toContain("14:05:09");
  });
});
