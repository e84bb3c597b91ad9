export type Log = (message: string) => void;

/** A service the caller can use; `stop` is set only when this process started it. */
export interface ServiceHandle {
  url: string;
  /** How the service was found, for the start-up summary. */
  origin: "environment" | "embedded (reused)" | "embedded (started)";
  stop?: () => Promise<void>;
}
