// Connection strings in messages and decisions: which database counts as local, and how to print
// one without its password.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** A database on this machine (embedded, docker compose): one a reset or a demo seed may touch. */
export function isLocalDatabase(url: string): boolean {
  return LOCAL_HOSTS.has(new URL(url).hostname);
}

/** The URL without its password, for logs and messages. */
export function redactPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
