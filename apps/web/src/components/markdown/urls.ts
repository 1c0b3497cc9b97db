// Which URLs user-written markdown may carry. Parsed by the URL standard's own parser (what a
// browser does with the attribute), so tabs, newlines, control characters and entity or case
// tricks ("java&#x09;script:", " JaVaScRiPt:") reach the same protocol check the browser would.

const BASE = "https://guild.invalid";

function parse(url: string): URL | null {
  try {
    return new URL(url, BASE);
  } catch {
    return null;
  }
}

/** A link's target: http, https or mailto, or a path of this app (relative, or #anchor). */
export function safeHref(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.origin === BASE) return parsed.protocol === "https:" ? url : null;
  return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? url : null;
}

/** The platform's public file route: /api/files/<organization id>/<file id>. */
const PLATFORM_FILE = /^\/api\/files\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/**
 * An image's source: a file of the platform (its own file route), and nothing else. An image from
 * anywhere else would tell that site who reads the post and when (a tracking pixel), could change
 * after a moderator approved it, and would pull outside content into private spaces; the page's
 * CSP would block it anyway. The renderer shows such an image as a link instead.
 */
export function safeImageSrc(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.origin !== BASE) return null;
  return PLATFORM_FILE.test(parsed.pathname) && !parsed.search && !parsed.hash
    ? parsed.pathname
    : null;
}
