// npm run --silent eligibility -- --consortium REF [--json] [--lang sv|en]
// A consortium checked against its programme's rules: which pass, which fail and why, in
// English unless --lang says Swedish.
// With --json, standard output carries only {"eligible","independentCompanies","groups","rules"}.
import { parseArgs } from "node:util";
import { missingLine } from "#app/domain/eligibility.ts";
import { isLocale } from "#app/i18n/index.ts";
import { renderMessage, renderMessages } from "#app/i18n/message.ts";
import { disconnectPrisma, getPrisma } from "#app/lib/db.server.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";

const USAGE = "Usage: npm run --silent eligibility -- --consortium CONSORTIUM_REF [--json] [--lang sv|en]";

main(async () => {
  let values;
  try {
    values = parseArgs({
      options: { consortium: { type: "string" }, json: { type: "boolean" }, lang: { type: "string", default: "en" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const ref = values.consortium?.trim();
  if (!ref) {
    console.error(`--consortium is required\n${USAGE}`);
    return 2;
  }
  const locale = values.lang;
  if (!isLocale(locale)) {
    console.error(`--lang must be sv or en\n${USAGE}`);
    return 2;
  }
  return withServices(
    async () => {
      try {
        const prisma = getPrisma();
        const c = await prisma.consortium.findUnique({ where: { ref }, select: { id: true, title: true } });
        if (!c) {
          console.error(`No consortium has the ref "${ref}".`);
          return 1;
        }
        const { evaluation: e } = (await prisma.$transaction((tx) => evaluateConsortium(tx, c.id)))!;
        const ids = e.groups.flatMap((g) => [g.rootId, ...g.memberIds]);
        const refs = new Map(
          (await prisma.organization.findMany({ where: { id: { in: ids } }, select: { id: true, ref: true } })).map((o) => [
            o.id,
            o.ref ?? o.id,
          ]),
        );
        const out = {
          eligible: e.eligible,
          independentCompanies: e.independentCompanies,
          groups: e.groups.map((g) => ({
            group: refs.get(g.rootId) ?? g.rootId,
            name: g.rootName,
            organizations: g.memberIds.map((id) => refs.get(id) ?? id),
          })),
          rules: e.rules.map((r) => ({ id: r.id, passed: r.passed, message: renderMessages(locale, r.messages) })),
        };
        if (values.json) process.stdout.write(JSON.stringify(out) + "\n");
        else {
          console.log(`${c.title}: ${renderMessage(locale, { key: e.eligible ? "consortium.eligible" : "consortium.notEligible" })}`);
          for (const r of e.rules) console.log(`  ${r.passed ? "✓" : "✗"} ${renderMessages(locale, r.messages)}`);
          const missing = missingLine(e.missing);
          if (missing) console.log(renderMessage(locale, missing));
        }
        return 0;
      } finally {
        await disconnectPrisma();
      }
    },
    { needs: ["postgres"], quiet: true },
  );
});
