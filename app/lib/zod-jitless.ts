// Zod compiles object parsers with `new Function` unless told not to. Our Content-Security-Policy
// has no 'unsafe-eval', so in the browser that attempt is refused and reported as a violation
// (Zod then falls back anyway). Turning the compiler off up front keeps the page free of
// violations. The switch is read when a schema is built, so this module must run before any
// schema module: root.tsx imports it first, and the browser evaluates root's imports before
// any other route's.
import { z } from "zod";

z.config({ jitless: true });
