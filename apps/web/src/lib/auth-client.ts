import { createGuildAuthClient } from "@guild/auth/client";

// better-auth's browser client. The signed-out screens load it on first use (use-auth.ts), not
// with the screen: it is a tenth of the sign-in screen's JavaScript. Two-factor sign-in is handled
// where signIn.email returns (features/auth/use-auth.ts), not by a global redirect, so the page
// can keep where the person was going.
export const authClient = createGuildAuthClient();
