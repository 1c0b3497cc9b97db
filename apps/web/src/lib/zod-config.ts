// zod compiles object schemas with new Function unless told not to, and probes for it first: the
// server's Content-Security-Policy refuses eval, so every page logged that refusal as an error.
//
// The setting goes straight where zod reads it, globalThis.__zod_globalConfig (the object every
// copy of zod on a page shares; zod's config() writes the same one), rather than through
// z.config: importing zod here would put its core (~3 kB gz) in the entry, on the sign-in
// screen's JS budget, while zod itself loads later with the forms. zod-config.test.ts checks
// that zod still reads it there.
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, {
  jitless: true,
});
