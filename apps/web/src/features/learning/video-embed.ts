// A lesson's video block is a web address. Addresses of the two players the app's content
// security policy lets into a frame (apps/server/src/app.ts, frame-src) become their embed
// address; any other address is offered as a link, never framed.

const YOUTUBE_ID = /^[A-Za-z0-9_-]{6,20}$/;
const VIMEO_ID = /^\d{1,12}$/;

/** The player address to frame for a video page's address, or null to link to it instead. */
export function videoEmbedUrl(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.replace(/^(www\.|m\.)/, "");
  const parts = url.pathname.split("/").filter(Boolean);
  let youtube: string | null | undefined = null;
  if (host === "youtu.be") youtube = parts[0];
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (parts[0] === "watch") youtube = url.searchParams.get("v");
    else if (parts[0] === "embed" || parts[0] === "shorts" || parts[0] === "live")
      youtube = parts[1];
  }
  if (youtube && YOUTUBE_ID.test(youtube))
    return `https://www.youtube-nocookie.com/embed/${youtube}`;
  if (host === "vimeo.com" && parts.length === 1 && parts[0] && VIMEO_ID.test(parts[0]))
    return `https://player.vimeo.com/video/${parts[0]}`;
  if (host === "player.vimeo.com" && parts[0] === "video" && parts[1] && VIMEO_ID.test(parts[1]))
    return `https://player.vimeo.com/video/${parts[1]}`;
  return null;
}
