// A Vite build plugin: index.html preloads the Inter file every screen's text is drawn with (its
// Latin subset, the variable weights). Without it the browser finds the font only once the app
// has rendered text, and fetches it last, after all the JavaScript: on a phone's connection that
// is the last ~50 kB before the text shows in its own face.
import type { Plugin } from "vite";

/** The subset English text uses; the other subsets (Cyrillic, Greek…) load only when a page shows them. */
const FONT = /(^|\/)inter-latin-wght-normal-[\w-]+\.woff2$/;

export function fontPreload(): Plugin {
  return {
    name: "guild-font-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const font = Object.keys(ctx.bundle ?? {}).find((name) => FONT.test(name));
        if (!font) throw new Error("font-preload: the build has no Inter Latin woff2 file");
        return [
          {
            tag: "link",
            attrs: {
              rel: "preload",
              as: "font",
              type: "font/woff2",
              crossorigin: "",
              href: `/${font}`,
            },
            injectTo: "head",
          },
        ];
      },
    },
  };
}
