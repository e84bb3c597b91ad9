import { getPrisma } from "#app/lib/db.server.ts";

// A minimal browser stand-in for HTTP-level tests: keeps cookies, reads the CSRF
// token from a page, submits forms without following redirects.
export class Client {
  private cookies = new Map<string, string>();
  constructor(private base: string) {}

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(this.base + path, { headers: { Cookie: this.header(), "Accept-Language": "en" }, redirect: "manual" });
    this.remember(res);
    return res;
  }

  async csrf(path = "/"): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1]!;
  }

  async post(
    path: string,
    fields: Record<string, string>,
    { csrf = true, headers = {} }: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (csrf && !body.has("csrf")) body.set("csrf", await this.csrf());
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      headers: { Cookie: this.header(), "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en", ...headers },
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /** A multipart form (a file upload), with the CSRF token added; not following redirects. */
  async postMultipart(path: string, body: FormData): Promise<Response> {
    if (!body.has("csrf")) body.set("csrf", await this.csrf());
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      headers: { Cookie: this.header(), "Accept-Language": "en" },
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /**
   * Registers as a person would: the form, then the link in the confirmation email (read
   * from the outbox, where the email waits), whose button confirms and signs in.
   * Returns where that leads (e.g. "/", or "/profile" when a request waits).
   */
  async register(name: string, email: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await this.post("/register", { name, email, password: "correct horse battery", role: "researcher", ...extra });
    const page = await res.text();
    if (res.status !== 200 || !page.includes("Check your inbox")) throw new Error(`register failed: ${res.status} ${page.slice(0, 500)}`);
    return this.confirm(email);
  }

  /** Opens the newest confirmation link mailed to the address and presses its button. */
  async confirm(email: string): Promise<string> {
    const link = new URL(await confirmationLink(email));
    const page = await (await this.get(link.pathname + link.search)).text();
    if (!page.includes("Confirm my address"))
      throw new Error(
        `no confirmation button at ${link.pathname}${link.search}: ${page
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .slice(0, 400)}`,
      );
    const fields: Record<string, string> = { token: link.searchParams.get("token")! };
    if (link.searchParams.get("organization")) fields.organization = link.searchParams.get("organization")!;
    const res = await this.post("/confirm-email", fields);
    if (res.status !== 302) throw new Error(`confirming failed: ${res.status}`);
    return res.headers.get("location")!;
  }
}

/** The link in the newest confirmation email to the address, as written in the outbox. */
export async function confirmationLink(email: string): Promise<string> {
  const mail = await getPrisma().outboxEvent.findFirst({
    where: {
      topic: "email.send",
      AND: [
        { payload: { path: ["to"], equals: email.toLowerCase() } },
        { payload: { path: ["subject"], equals: "Confirm your email address" } },
      ],
    },
    orderBy: { id: "desc" },
  });
  const link = mail && /https?:\/\/\S+\/confirm-email\?\S+/.exec((mail.payload as { text: string }).text)?.[0];
  if (!link) throw new Error(`no confirmation email to ${email}`);
  return link;
}

/** A page's HTML without React's text separators, so "1 failed" reads as written. */
export const html = async (res: Response): Promise<string> => (await res.text()).replace(/<!-- -->/g, "");

/**
 * A person registered through the form and signed in: a coordinator, or with `company` a
 * company representative who registers that new company and so becomes its admin.
 */
export async function registeredPerson(base: string, name: string, email: string, company?: string) {
  const client = new Client(base);
  await client.register(
    name,
    email,
    company ? { role: "company_rep", organization: company, organizationId: "new" } : { role: "coordinator" },
  );
  const prisma = getPrisma();
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const orgId = company ? (await prisma.organization.findFirstOrThrow({ where: { name: company } })).id : "";
  return { client, user: { id: user.id, name }, userId: user.id, orgId };
}
