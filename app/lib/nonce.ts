// The Content-Security-Policy nonce of the page being rendered, for the inline scripts
// Remix writes (<Scripts/>, <ScrollRestoration/>). Provided by app/entry.server.tsx on the
// server; in the browser it is undefined, as the scripts have run by then.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
