// Reading one document straight from a Meilisearch index in a test.
import { MeilisearchApiError, type Index, type RecordAny } from "meilisearch";

/**
 * The document with this id, or undefined when the index has no such document. Any other
 * failure (Meilisearch unreachable, no such index, a bad key) throws: a test that waits for
 * a document to appear or go must not mistake an outage for its absence.
 */
export async function documentOrNone<T extends RecordAny>(index: Index<T>, id: string): Promise<T | undefined> {
  try {
    return await index.getDocument<T>(id);
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === "document_not_found") return undefined;
    throw error;
  }
}
