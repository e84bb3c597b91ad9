// The signed letter of intent a co-funder uploaded, for those who may see the letter. Sent
// as a download: it is a file someone uploaded, not a page of ours.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/lib/session.server.ts";
import { signedLetter } from "#app/models/letter.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const bytes = await signedLetter(params.id!, params.organizationId!, user.id);
  if (!bytes) throw new Response("Not found", { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="signed-letter-${params.organizationId}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
