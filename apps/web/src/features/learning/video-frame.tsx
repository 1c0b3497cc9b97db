/** A lesson video's player, framed at 16:9 (its address from videoEmbedUrl). No icons: signed-out previews show it too. */
export function VideoFrame({ embed }: { embed: string }) {
  return (
    <div className="aspect-video w-full overflow-hidden rounded-lg bg-muted">
      <iframe
        src={embed}
        title="Lesson video"
        className="size-full"
        loading="lazy"
        allow="encrypted-media; fullscreen; picture-in-picture"
        allowFullScreen
        referrerPolicy="strict-origin-when-cross-origin"
      />
    </div>
  );
}
