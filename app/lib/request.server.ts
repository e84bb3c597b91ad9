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

/** The form data of a POST, or a 400 for a body that is not a form or is too large. */
export async function readForm(request: Request, maxBytes = 200_000): Promise<FormData> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes) throw new Response("The form is too large.", { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw new Response("Expected a form.", { status: 400 });
  }
}
