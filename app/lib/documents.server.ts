// Where uploaded documents (signed letters of intent) are kept: behind a small interface,
// so a store other than a folder (an S3-compatible bucket) is one more implementation and
// nothing else changes. Only the folder exists today: SAMBAND_DOCUMENTS_DIR, by default
// under the data directory; several web processes reach it as a shared volume
// (docs/decisions/0018-documents-in-a-shared-folder.md).
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "#app/lib/config.server.ts";

export interface DocumentStore {
  /** Stores the bytes under the key; the document appears whole or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such document. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the document; a missing one is no error. */
  remove(key: string): Promise<void>;
}

// Keys are made by us (ids and a uuid), never from a file name someone sent; this only
// makes sure no key can leave the folder.
const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.pdf$/;

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a document key: ${JSON.stringify(key)}`);
}

/** A store in a folder of the file system. */
export function folderStore(root: string): DocumentStore {
  const file = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written beside it, then renamed: a reader (another process) never sees half a file.
      const partial = `${target}.${randomUUID()}.partial`;
      try {
        await writeFile(partial, bytes, { flag: "wx" });
        await rename(partial, target);
      } catch (e) {
        await rm(partial, { force: true });
        throw e;
      }
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(file(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
  };
}

let store: DocumentStore | undefined;

/** The configured store. */
export function documentStore(): DocumentStore {
  store ??= folderStore(loadConfig().documentsDir);
  return store;
}
