/*
 * Runs in the browser before the app's modules (Next's instrumentation-client convention). zod compiles its object
 * parsers with `new Function` when it may, and probes for that by trying once: under the pages' CSP, which allows no
 * eval (lib/http/security-headers.ts), the probe is refused and the browser reports a CSP violation, though zod
 * swallows the error. `jitless` skips the probe; zod could not compile under that policy anyway, so nothing is lost.
 */
import { config } from "zod";

config({ jitless: true });
