// The markdown renderer itself (react-markdown, remark-gfm, rehype-sanitize: ~45 kB gz), loaded
// lazily by ../markdown.tsx so no screen pays for it before it shows markdown.
//
// Safe by construction, in layers: raw HTML in the source is dropped (skipHtml), never parsed;
// the tree is sanitized against GitHub's allow-list (no script, style, iframe, svg, math, form,
// no on* or style attributes; ids prefixed so they cannot clobber the page's); URLs pass
// urls.ts's protocol checks; React writes every attribute itself (no innerHTML anywhere).
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { safeHref, safeImageSrc } from "./urls.ts";

const schema = {
  ...defaultSchema,
  protocols: { href: ["http", "https", "mailto"], src: ["https"] },
};

/** rel of every user link: no window.opener, no referrer, no SEO credit to user content. */
export const USER_LINK_REL = "noopener noreferrer nofollow ugc";

const components: Components = {
  a: ({ href, children, node: _node, ...rest }) => {
    const safe = href ? safeHref(href) : null;
    if (!safe) return <span>{children}</span>;
    return (
      <a
        {...rest}
        href={safe}
        rel={USER_LINK_REL}
        className="font-medium text-accent-foreground underline underline-offset-2"
      >
        {children}
      </a>
    );
  },
  img: ({ src, alt, title }) => {
    const safe = typeof src === "string" ? safeImageSrc(src) : null;
    if (!safe) {
      // Not one of ours (urls.ts says why): a link the reader may follow deliberately.
      const href = typeof src === "string" ? safeHref(src) : null;
      const label = alt || "Image";
      return href ? (
        <a
          href={href}
          rel={USER_LINK_REL}
          className="font-medium text-primary underline underline-offset-2"
        >
          {label}
        </a>
      ) : alt ? (
        <span>{alt}</span>
      ) : null;
    }
    return (
      <img
        src={safe}
        alt={alt ?? ""}
        title={title}
        loading="lazy"
        referrerPolicy="no-referrer"
        className="my-2 max-h-96 max-w-full rounded-md"
      />
    );
  },
};

export interface MarkdownRendererProps {
  /** The markdown source, as the member wrote it. */
  children: string;
  className?: string;
}

export function MarkdownRenderer({ children, className }: MarkdownRendererProps) {
  return (
    <div className={`guild-markdown break-words ${className ?? ""}`}>
      <ReactMarkdown
        skipHtml
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeSanitize, schema]]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
