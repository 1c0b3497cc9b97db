import { Download, ExternalLink, Info, Lightbulb, TriangleAlert } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPCClient } from "../../lib/trpc.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import type { LessonBlockView } from "./use-learning.ts";
import { videoEmbedUrl } from "./video-embed.ts";
import { VideoFrame } from "./video-frame.tsx";

type Block<T extends LessonBlockView["type"]> = Extract<LessonBlockView, { type: T }>;

/** A lesson's blocks in order, all but the quiz (the player places it with its results). */
export function LessonBlocks({ blocks }: { blocks: LessonBlockView[] }) {
  return (
    <div className="space-y-6">
      {blocks.map((block): ReactNode => {
        switch (block.type) {
          case "markdown":
            return <Markdown key={block.id}>{block.markdown}</Markdown>;
          case "video":
            return <VideoBlock key={block.id} block={block} />;
          case "image":
            return <ImageBlock key={block.id} block={block} />;
          case "file":
            return <FileBlock key={block.id} block={block} />;
          case "callout":
            return <CalloutBlock key={block.id} block={block} />;
          default:
            // The quiz: the player places it with its results.
            return null;
        }
      })}
    </div>
  );
}

function VideoBlock({ block }: { block: Block<"video"> }) {
  const embed = videoEmbedUrl(block.url);
  if (!embed)
    return (
      <a
        href={block.url}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="inline-flex items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm font-medium text-foreground hover:bg-muted-strong"
      >
        <ExternalLink aria-hidden="true" className="size-4" />
        Watch the video
        <span className="sr-only">(opens in a new tab)</span>
      </a>
    );
  return <VideoFrame embed={embed} />;
}

/** An organization's image, served by the app's file route to those who may see it. */
function ImageBlock({ block }: { block: Block<"image"> }) {
  const organization = useCurrentOrganization();
  const [failed, setFailed] = useState(false);
  if (failed)
    return (
      <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
        This image is not available{block.alt ? `: ${block.alt}` : "."}
      </p>
    );
  return (
    <img
      src={`/api/files/${organization.id}/${block.fileId}`}
      alt={block.alt}
      loading="lazy"
      onError={() => setFailed(true)}
      className="max-h-[32rem] max-w-full rounded-lg"
    />
  );
}

/** A file to download, through a short-lived address asked for on click. */
function FileBlock({ block }: { block: Block<"file"> }) {
  const client = useOrgTRPCClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      const { url } = await client.file.downloadUrl.query({ id: block.fileId });
      window.location.assign(url);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="space-y-2">
      <Button variant="secondary" pending={pending} onClick={() => void download()}>
        <Download aria-hidden="true" className="size-4" />
        {block.label || "Download the file"}
      </Button>
      {error !== null && <FormAlert>{errorMessage(error)}</FormAlert>}
    </div>
  );
}

const tones = {
  info: { icon: Info, label: "Note", className: "bg-info-muted text-info ring-info-border" },
  tip: {
    icon: Lightbulb,
    label: "Tip",
    className: "bg-success-muted text-success ring-success-border",
  },
  warning: {
    icon: TriangleAlert,
    label: "Warning",
    className: "bg-warning-muted text-warning ring-warning-border",
  },
} as const;

function CalloutBlock({ block }: { block: Block<"callout"> }) {
  const tone = tones[block.tone];
  const Icon = tone.icon;
  return (
    <aside
      aria-label={tone.label}
      className={`flex gap-3 rounded-lg px-4 py-3 ring-1 ring-inset ${tone.className}`}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <Markdown className="min-w-0 flex-1 text-foreground">{block.markdown}</Markdown>
    </aside>
  );
}
