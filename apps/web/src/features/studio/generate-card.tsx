import { STUDIO_POST_MAX } from "@guild/api/schemas/studio";
import { Link, useNavigate } from "@tanstack/react-router";
import { Sparkles } from "lucide-react";
import { useState } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, errorReason } from "../../lib/errors.ts";
import { useCreditBalance } from "../credits/use-credits.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type Brief, BriefForm, emptyBrief } from "./brief-form.tsx";
import { PostBodyField } from "./post-body-field.tsx";
import { useGeneration } from "./use-generation.ts";
import { useAiStatus, useStudioMutations } from "./use-studio.ts";

/**
 * A new post: a brief, then the model's text streaming into the editor as it is written, with
 * its live count and a Stop button; done, the server has saved it as a draft, to edit and
 * schedule. Each generation costs one credit; a failed or stopped one is given back by the
 * server. A post can also be written by hand (no model, no credit).
 */
export function GenerateCard() {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const ai = useAiStatus();
  const balance = useCreditBalance();
  const generation = useGeneration();
  const { save } = useStudioMutations();
  const [brief, setBrief] = useState<Brief>(emptyBrief);
  // Written by hand, or kept after a stop: the text is the member's to edit and save.
  const [edited, setEdited] = useState<string | null>(null);
  const [byHand, setByHand] = useState(false);
  const { state } = generation;
  const streaming = state.status === "streaming";
  const text = edited ?? (state.status === "idle" ? "" : state.text);
  const credits = balance.data?.balance;
  const disabled = ai.data?.enabled === false;
  const editable = byHand || state.status === "stopped" || state.status === "failed";

  const saveDraft = () =>
    save.mutate(
      {
        // A post written by hand has no topic to keep: the brief's is for generated ones.
        ...(byHand ? {} : { topic: brief.topic }),
        tone: brief.tone,
        platform: brief.platform,
        length: brief.length,
        body: text,
        generation: null,
      },
      {
        onSuccess: (post) =>
          void navigate({ to: "/o/$slug/studio/$postId", params: { slug, postId: post.id } }),
      },
    );
  const startOver = () => {
    generation.reset();
    setEdited(null);
    setByHand(false);
    save.reset();
  };

  return (
    <Card
      title="New post"
      description={
        <>
          Write a brief and the model drafts a post of up to {STUDIO_POST_MAX} characters.{" "}
          {ai.data && (
            <span className="inline-flex items-center gap-1 font-medium text-foreground">
              <Sparkles aria-hidden="true" className="size-3.5" />
              {ai.data.enabled ? `Model: ${ai.data.label}` : "No model is set up"}
            </span>
          )}
        </>
      }
      actions={
        <p className="text-sm text-muted-foreground">
          {credits === undefined ? (
            "Balance…"
          ) : (
            <>
              Your balance:{" "}
              <span className="font-semibold text-foreground tabular-nums">
                {credits} credit{credits === 1 ? "" : "s"}
              </span>
            </>
          )}
        </p>
      }
    >
      <div className="space-y-4">
        <BriefForm
          pending={streaming}
          disabled={disabled}
          serverError={state.status === "failed" ? state.error : null}
          onSubmit={(next) => {
            setBrief(next);
            setEdited(null);
            setByHand(false);
            save.reset();
            generation.start(next);
          }}
        />
        {state.status === "failed" && <GenerationError error={state.error} slug={slug} />}
        {!byHand && state.status === "idle" && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setByHand(true);
              setBrief(emptyBrief);
              setEdited("");
            }}
          >
            Or write one yourself
          </Button>
        )}
        {(byHand || (state.status !== "idle" && (state.status !== "failed" || text))) && (
          <div className="space-y-3">
            <PostBodyField
              id="studio-generated"
              label={byHand ? "Your post" : "Generated post"}
              value={text}
              max={STUDIO_POST_MAX}
              readOnly={!editable}
              busy={streaming}
              error={save.isError ? [errorMessage(save.error)] : undefined}
              onChange={setEdited}
            />
            {streaming && (
              <p role="status" className="text-sm text-muted-foreground">
                Writing…
              </p>
            )}
            {state.status === "stopped" && (
              <p role="status" className="text-sm text-muted-foreground">
                Stopped: the credit was given back. Keep what was written as a draft, or start over.
              </p>
            )}
            {state.status === "done" && (
              <p role="status" className="text-sm text-success">
                Saved as a draft.
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              {streaming ? (
                <Button variant="secondary" onClick={generation.stop}>
                  Stop
                </Button>
              ) : state.status === "done" ? (
                <>
                  <ButtonLink to="/o/$slug/studio/$postId" params={{ slug, postId: state.post.id }}>
                    Edit and schedule
                  </ButtonLink>
                  <Button variant="ghost" onClick={startOver}>
                    New post
                  </Button>
                </>
              ) : (
                <>
                  <Button
                    pending={save.isPending}
                    disabled={text.trim() === "" || text.length > STUDIO_POST_MAX}
                    onClick={saveDraft}
                  >
                    {byHand ? "Save draft" : "Keep as a draft"}
                  </Button>
                  <Button variant="ghost" onClick={startOver}>
                    Discard
                  </Button>
                </>
              )}
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}

/** Why a generation failed, said for the member: no credits (with where to get some), the model. */
function GenerationError({ error, slug }: { error: unknown; slug: string }) {
  const reason = errorReason(error);
  if (reason === "INSUFFICIENT_CREDITS")
    return (
      <FormAlert>
        You have no credits left for a generation.{" "}
        <Link to="/o/$slug/credits" params={{ slug }} className="font-medium underline">
          Get credits
        </Link>
      </FormAlert>
    );
  return (
    <FormAlert>
      {errorMessage(error, "The model could not write this post. Please try again.")}
      {reason?.startsWith("AI_") && " Your credit was given back."}
    </FormAlert>
  );
}
