// zod/v4/core: the settings alone, not zod itself, which loads later with the screens that parse.
import { config } from "zod/v4/core";

// zod compiles object schemas with new Function unless told not to, and probes for it first: the
// server's Content-Security-Policy refuses eval, so every page logged that refusal as an error.
config({ jitless: true });
