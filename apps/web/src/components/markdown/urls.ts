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

/** An image's source: a file of the platform, or any https image (the page's CSP has the last say). */
export function safeImageSrc(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.origin === BASE)
    return PLATFORM_FILE.test(parsed.pathname) && !parsed.search && !parsed.hash
      ? parsed.pathname
      : null;
  return parsed.protocol === "https:" ? parsed.href : null;
}
