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

  async post(path: string, fields: Record<string, string>, { csrf = true, headers = {} }: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
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

  async register(name: string, email: string, extra: Record<string, string> = {}): Promise<void> {
    const res = await this.post("/register", { name, email, password: "correct horse battery", role: "researcher", ...extra });
    if (res.status !== 302) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  }
}

/** A page's HTML without React's text separators, so "1 failed" reads as written. */
export const html = async (res: Response): Promise<string> => (await res.text()).replace(/<!-- -->/g, "");
