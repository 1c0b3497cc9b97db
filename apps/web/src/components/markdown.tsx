import { deferred } from "./deferred.tsx";
import type { MarkdownRendererProps } from "./markdown/renderer.tsx";

/**
 * User-written markdown (bios now; posts, comments and messages next), rendered safely: see
 * markdown/renderer.tsx. Its libraries load in a chunk of their own when the first piece of
 * markdown is shown; until then the source shows as plain text (React escapes it), so nothing
 * jumps far and nothing is hidden.
 */
export const Markdown = deferred<MarkdownRendererProps>(
  () => import("./markdown/renderer.tsx").then((m) => m.MarkdownRenderer),
  ({ children, className }) => (
    <div className={`whitespace-pre-line break-words ${className ?? ""}`}>{children}</div>
  ),
);
