// One plain PostgreSQL connection LISTENing on a channel, reconnecting a second after it
// is lost. PostgreSQL does not keep notifications for a listener that is away, so
// `onConnect` runs after each connect (with `first` false after a loss): the caller
// re-reads whatever it follows. Used by the worker's outbox dispatcher and by the web
// process's live notification counts.
import pg from "pg";
import { loadConfig } from "#app/lib/config.server.ts";
import { requireUrl } from "#app/lib/db.server.ts";

export interface Listener {
  /** Connected and listening now; when not, callers fall back to polling. */
  listening(): boolean;
  stop(): Promise<void>;
}

export function listen(
  channel: "samband_outbox" | "samband_notification",
  handlers: { onNotify: (payload: string) => void; onConnect?: (first: boolean) => void },
): Listener {
  let client: pg.Client | undefined;
  let connected = false;
  let stopped = false;
  let first = true;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: requireUrl("DATABASE_URL", loadConfig().DATABASE_URL) });
    client = c;
    const lost = () => {
      if (client !== c) return;
      connected = false;
      client = undefined;
      void c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    };
    c.on("error", lost);
    c.on("end", lost);
    c.on("notification", (n) => handlers.onNotify(n.payload ?? ""));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (client !== c) return; // stopped meanwhile
      connected = true;
      handlers.onConnect?.(first);
      first = false;
    } catch {
      lost();
    }
  };
  void connect();
  return {
    listening: () => connected,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      connected = false;
      await c?.end().catch(() => {});
    },
  };
}
