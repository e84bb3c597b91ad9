// "Usually answers within N days" for a person or an organization: the first messages
// written to them over the last 12 months, their first answers, and the rule in
// app/domain/messaging-safety.ts (responseTime).
import { RESPONSE_WINDOW_DAYS, responseTime, type ResponseTime } from "#app/domain/messaging-safety.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";

const DAY = 24 * 3600 * 1000;

/** The figure for conversations written to this person (themselves, or a posting of theirs) or this organization. */
export async function responseTimeOf(to: { userId: string } | { organizationId: string }, now = new Date()): Promise<ResponseTime> {
  const id = "userId" in to ? to.userId : to.organizationId;
  if (!isId(id)) return { kind: "too-few", threads: 0 };
  const threads = await getPrisma().conversation.findMany({
    where: {
      ...("userId" in to ? { recipientUserId: to.userId } : { recipientOrganizationId: to.organizationId }),
      createdAt: { gte: new Date(now.getTime() - RESPONSE_WINDOW_DAYS * DAY), lte: now },
    },
    select: { createdAt: true, firstResponseAt: true },
  });
  return responseTime(threads, now);
}
