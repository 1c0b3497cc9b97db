// The browser client, typed against the server's plugins.
import { adminClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export function createGuildAuthClient(options: { onTwoFactorRedirect?: () => void } = {}) {
  return createAuthClient({
    basePath: "/api/auth",
    plugins: [
      twoFactorClient({
        onTwoFactorRedirect: () => options.onTwoFactorRedirect?.(),
      }),
      adminClient(),
    ],
  });
}
export type GuildAuthClient = ReturnType<typeof createGuildAuthClient>;
