import { z } from "zod";

// zod compiles object schemas with new Function unless told not to, and probes for it first: the
// server's Content-Security-Policy refuses eval, so every page logged that refusal as an error.
z.config({ jitless: true });
