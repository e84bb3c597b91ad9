// Writing an import: its steps run in chunks of CHUNK items. Strict: one transaction
// around every chunk (all or nothing). Otherwise a transaction per chunk: the checks
// already settled which lines are valid, so a chunk failing means the database changed
// under the import.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "#app/generated/prisma/client.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { getPrisma, requireUrl } from "#app/lib/db.server.ts";

export const CHUNK = 1000;
const CHUNKS_PER_CLIENT = 4;

type Tx = Prisma.TransactionClient;

/** One kind of write: `run` writes items [from, to) in the transaction it is given. */
export interface Step {
  phase: string;
  items: number;
  run: (tx: Tx, from: number, to: number) => Promise<unknown>;
}

/**
 * Transactions on a client of their own, replaced after CHUNKS_PER_CLIENT of them: a
 * Prisma client keeps every createMany's query plan (about 5 MB per 1,000 rows, measured:
 * a 100,000-line import peaked at 1.2 GB).
 */
function chunkWriter() {
  const url = requireUrl("DATABASE_URL", loadConfig().DATABASE_URL);
  const open = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  let client = open();
  let used = 0;
  return {
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      if (used++ === CHUNKS_PER_CLIENT) {
        await client.$disconnect();
        // V8 would let the replaced clients' plans pile up as garbage long before it
        // collected them; `npm run import` runs with --expose-gc, so collect them now.
        (globalThis as { gc?: () => void }).gc?.();
        client = open();
        used = 1;
      }
      return client.$transaction(fn, { timeout: 10 * 60_000 });
    },
    close: () => client.$disconnect(),
  };
}

/** Runs every step in order, chunk by chunk; reports progress across all of them. Returns how many items were written. */
export async function runSteps(
  steps: Step[],
  o: { strict?: boolean; onProgress?: (phase: string, done: number, total: number) => void },
): Promise<number> {
  const total = steps.reduce((n, s) => n + s.items, 0);
  let done = 0;
  const runChunks = async (inTx: (fn: (tx: Tx) => Promise<unknown>) => Promise<unknown>) => {
    for (const step of steps) {
      for (let a = 0; a < step.items; a += CHUNK) {
        await inTx((tx) => step.run(tx, a, Math.min(a + CHUNK, step.items)));
        done += Math.min(CHUNK, step.items - a);
        o.onProgress?.(step.phase, done, total);
      }
    }
  };
  if (o.strict) {
    await getPrisma().$transaction((tx) => runChunks((fn) => fn(tx)), { timeout: 30 * 60_000, maxWait: 60_000 });
  } else {
    const writer = chunkWriter();
    try {
      await runChunks((fn) => writer.transaction(fn));
    } finally {
      await writer.close();
    }
  }
  return total;
}
