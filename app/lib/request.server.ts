import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the web server saw it (server/index.ts). */
    ip: string;
  }
}

export function clientIp(context: AppLoadContext): string {
  return context.ip || "unknown";
}

/**
 * The form data of a POST, or a 400 for a body that is not a form, or a 413 for one larger
 * than `maxBytes`. The body is counted as it arrives: a chunked upload has no
 * Content-Length to check first, and reading it whole would let one request fill memory.
 */
export async function readForm(request: Request, maxBytes = 200_000): Promise<FormData> {
  const tooLarge = () => new Response("The form is too large.", { status: 413 });
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
  } catch {
    throw new Response("Expected a form.", { status: 400 });
  }
}
