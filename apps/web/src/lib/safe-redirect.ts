// Apart from auth-client.ts: the guest routes check ?redirect= with it, and the route tree loads
// with every screen, which should not download better-auth's client for it.
/** Only paths of this app: a `redirect` query parameter must never send someone to another site. */
export function safeRedirect(target: string | undefined, fallback = "/"): string {
  if (!target?.startsWith("/") || target.startsWith("//") || target.startsWith("/\\"))
    return fallback;
  return target;
}
