import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useNavigate } from "@tanstack/react-router";
import { ChevronDown, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { MenuContent } from "../../components/menu.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useModerationActions } from "./use-moderation.ts";

export const menuItemClass =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-foreground outline-none data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground data-[disabled]:cursor-default data-[disabled]:text-faint-foreground";

const triggerClass =
  "inline-flex items-center gap-1 rounded-md px-2.5 py-1.5 text-sm font-medium text-foreground ring-1 ring-inset ring-border hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";

/** What the menu needs of its post. */
export interface ModeratedPost {
  id: string;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  space: { slug: string };
}

/**
 * A moderator's menu on a post's page: pin, lock, hide (each undone the same way) and delete,
 * with a confirmation. Shown to moderators and up (policies/moderation); the API decides.
 */
export function PostModerationMenu({ post, slug }: { post: ModeratedPost; slug: string }) {
  const actions = useModerationActions();
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  const failed = (error: unknown) => toast.error(errorMessage(error));
  const pending = actions.pin.isPending || actions.lock.isPending || actions.hide.isPending;
  return (
    <>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className={triggerClass} disabled={pending}>
          <ShieldCheck aria-hidden="true" className="size-4" />
          Moderate
          <ChevronDown aria-hidden="true" className="size-4" />
        </DropdownMenu.Trigger>
        <MenuContent
          align="end"
          sideOffset={4}
          className="z-50 w-48 max-w-[calc(100vw-1rem)] rounded-md bg-surface p-1 text-sm shadow-lg ring-1 ring-border"
        >
          <DropdownMenu.Item
            className={menuItemClass}
            onSelect={() =>
              actions.pin.mutate(
                { id: post.id, pinned: !post.pinned },
                {
                  onSuccess: () => toast.success(post.pinned ? "Post unpinned." : "Post pinned."),
                  onError: failed,
                },
              )
            }
          >
            {post.pinned ? "Unpin" : "Pin"}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={menuItemClass}
            onSelect={() =>
              actions.lock.mutate(
                { id: post.id, locked: !post.locked },
                {
                  onSuccess: () =>
                    toast.success(
                      post.locked
                        ? "Thread unlocked: members can comment again."
                        : "Thread locked: it takes no new comments.",
                    ),
                  onError: failed,
                },
              )
            }
          >
            {post.locked ? "Unlock" : "Lock"}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={menuItemClass}
            onSelect={() =>
              actions.hide.mutate(
                { id: post.id, hidden: !post.hidden },
                {
                  onSuccess: () =>
                    toast.success(
                      post.hidden ? "Post shown again." : "Post hidden from the members.",
                    ),
                  onError: failed,
                },
              )
            }
          >
            {post.hidden ? "Unhide" : "Hide"}
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-muted-strong" />
          <DropdownMenu.Item
            className={`${menuItemClass} text-danger`}
            onSelect={() => {
              actions.removePost.reset();
              setDeleting(true);
            }}
          >
            Delete…
          </DropdownMenu.Item>
        </MenuContent>
      </DropdownMenu.Root>
      <ConfirmDialog
        open={deleting}
        title="Delete this post?"
        confirmLabel="Delete post"
        pending={actions.removePost.isPending}
        error={actions.removePost.error ? errorMessage(actions.removePost.error) : null}
        onConfirm={() =>
          actions.removePost.mutate(
            { id: post.id },
            {
              onSuccess: () => {
                setDeleting(false);
                toast.success("Post deleted.");
                void navigate({
                  to: "/o/$slug/s/$spaceSlug",
                  params: { slug, spaceSlug: post.space.slug },
                });
              },
            },
          )
        }
        onClose={() => setDeleting(false)}
      >
        <p>It disappears from the feeds and its page, with its comments, for everyone.</p>
      </ConfirmDialog>
    </>
  );
}
