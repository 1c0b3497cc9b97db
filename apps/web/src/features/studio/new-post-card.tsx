import { STUDIO_POST_MAX } from "@guild/api/schemas/studio";
import { useNavigate } from "@tanstack/react-router";
import { Sparkles } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useCreditBalance } from "../credits/use-credits.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { PostBodyField } from "./post-body-field.tsx";
import { useAiStatus, useStudioMutations } from "./use-studio.ts";

/** A new post written by hand, saved as a draft with the default brief. */
export function NewPostCard() {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const ai = useAiStatus();
  const balance = useCreditBalance();
  const { save } = useStudioMutations();
  const [text, setText] = useState("");
  const credits = balance.data?.balance;

  return (
    <Card
      title="New post"
      description={
        <>
          Write a post of up to {STUDIO_POST_MAX} characters.{" "}
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
      <form
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(
            {
              // No topic: a post written by hand has no brief to keep.
              tone: "friendly",
              platform: "community",
              length: "medium",
              body: text,
              generation: null,
            },
            {
              onSuccess: (post) =>
                void navigate({ to: "/o/$slug/studio/$postId", params: { slug, postId: post.id } }),
            },
          );
        }}
      >
        <PostBodyField
          id="studio-new"
          label="Your post"
          value={text}
          max={STUDIO_POST_MAX}
          error={save.isError ? [errorMessage(save.error)] : undefined}
          onChange={setText}
        />
        <Button
          type="submit"
          pending={save.isPending}
          disabled={text.trim() === "" || text.length > STUDIO_POST_MAX}
        >
          Save draft
        </Button>
      </form>
    </Card>
  );
}
