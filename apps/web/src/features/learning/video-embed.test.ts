import { describe, expect, it } from "vitest";
import { videoEmbedUrl } from "./video-embed.ts";

describe("videoEmbedUrl", () => {
  it("frames YouTube and Vimeo addresses through their players", () => {
    const embed = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ";
    expect(videoEmbedUrl("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10")).toBe(embed);
    expect(videoEmbedUrl("https://youtu.be/dQw4w9WgXcQ")).toBe(embed);
    expect(videoEmbedUrl("https://m.youtube.com/shorts/dQw4w9WgXcQ")).toBe(embed);
    expect(videoEmbedUrl("https://vimeo.com/76979871")).toBe(
      "https://player.vimeo.com/video/76979871",
    );
    expect(videoEmbedUrl("https://player.vimeo.com/video/76979871")).toBe(
      "https://player.vimeo.com/video/76979871",
    );
  });

  it("links to anything else instead of framing it", () => {
    expect(videoEmbedUrl("https://example.com/talk.mp4")).toBeNull();
    expect(videoEmbedUrl("https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ")).toBeNull();
    expect(videoEmbedUrl("https://www.youtube.com/watch?v=<script>")).toBeNull();
    expect(videoEmbedUrl("javascript:alert(1)")).toBeNull();
    expect(videoEmbedUrl("not a url")).toBeNull();
  });
});
