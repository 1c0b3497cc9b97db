import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import type { FieldErrors } from "../../lib/errors.ts";
import type { BlockDraft, BlockType, CalloutTone } from "./lesson-draft.ts";
import { QuizEditor } from "./quiz-editor.tsx";

export const blockLabels: Record<BlockType, string> = {
  markdown: "Text",
  video: "Video",
  image: "Image",
  file: "File",
  callout: "Callout",
  quiz: "Quiz",
};

const toneLabels: Record<CalloutTone, string> = { info: "Info", tip: "Tip", warning: "Warning" };
const tones = Object.keys(toneLabels).filter((t): t is CalloutTone => t in toneLabels);

/**
 * One content block with its own controls, its place (arrows) and Remove. `at` is its path in the
 * lesson's input ("content.2"): errors and changed fields are keyed by the schema's paths.
 */
export function BlockEditor({
  block,
  index,
  count,
  errors,
  fileBlock,
  onChange,
  onMove,
  onRemove,
}: {
  block: BlockDraft;
  index: number;
  count: number;
  errors: FieldErrors;
  /** What an image or file block shows to pick its file. */
  fileBlock: (block: Extract<BlockDraft, { type: "image" | "file" }>, at: string) => ReactNode;
  onChange: (next: BlockDraft, field: string) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = `content.${index}`;
  const name = `${blockLabels[block.type]} block ${index + 1}`;
  return (
    <section aria-label={name} className="space-y-3 rounded-md border border-border p-3">
      <div className="flex items-center gap-2">
        <h3 className="flex-1 text-sm font-semibold text-foreground">{name}</h3>
        <Button
          size="sm"
          variant="ghost"
          data-focus-key={`up:${block.id}`}
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <ArrowUp aria-hidden="true" className="size-4" />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          data-focus-key={`down:${block.id}`}
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <ArrowDown aria-hidden="true" className="size-4" />
        </Button>
        <Button size="sm" variant="danger-ghost" aria-label={`Remove ${name}`} onClick={onRemove}>
          <Trash2 aria-hidden="true" className="size-4" />
        </Button>
      </div>
      {block.type === "markdown" && (
        <TextareaField
          id={`${at}.markdown`}
          label="Text (Markdown)"
          rows={8}
          value={block.markdown}
          onChange={(e) => onChange({ ...block, markdown: e.target.value }, `${at}.markdown`)}
          error={errors[`${at}.markdown`]}
        />
      )}
      {block.type === "video" && (
        <TextField
          id={`${at}.url`}
          label="Video address"
          type="url"
          autoComplete="off"
          placeholder="https://www.youtube.com/watch?v=…"
          hint="YouTube, Vimeo or any https address of a video"
          value={block.url}
          onChange={(e) => onChange({ ...block, url: e.target.value }, `${at}.url`)}
          error={errors[`${at}.url`]}
        />
      )}
      {block.type === "callout" && (
        <>
          <SelectField
            id={`${at}.tone`}
            label="Tone"
            value={block.tone}
            onChange={(e) => {
              const tone = tones.find((t) => t === e.target.value);
              if (tone) onChange({ ...block, tone }, `${at}.tone`);
            }}
            error={errors[`${at}.tone`]}
          >
            {tones.map((tone) => (
              <option key={tone} value={tone}>
                {toneLabels[tone]}
              </option>
            ))}
          </SelectField>
          <TextareaField
            id={`${at}.markdown`}
            label="Callout text (Markdown)"
            rows={3}
            value={block.markdown}
            onChange={(e) => onChange({ ...block, markdown: e.target.value }, `${at}.markdown`)}
            error={errors[`${at}.markdown`]}
          />
        </>
      )}
      {(block.type === "image" || block.type === "file") && fileBlock(block, at)}
      {block.type === "quiz" && (
        <QuizEditor quiz={block} at={at} errors={errors} onChange={onChange} />
      )}
    </section>
  );
}
