import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useSession } from "../auth/session.ts";
import { FileUpload } from "../files/file-upload.tsx";
import type { UploadFields } from "../files/use-upload.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { MemberAvatar } from "./member-avatar.tsx";

/**
 * The person's picture in this organization (one per membership: see services/avatar.ts), shown
 * to its members next to their name and in the header.
 */
export function MyPicture() {
  const organization = useCurrentOrganization();
  const { avatarUrl, avatarFileId } = organization.membership;
  const session = useSession();
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const startUpload = useMutation(trpc.member.startAvatarUpload.mutationOptions());
  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.organization.current.pathFilter()),
        queryClient.invalidateQueries(trpc.member.list.pathFilter()),
      ]),
    [queryClient, trpc],
  );
  const remove = useMutation(trpc.file.remove.mutationOptions({ onSuccess: refresh }));
  const start = useCallback(
    (file: UploadFields) => startUpload.mutateAsync(file),
    [startUpload.mutateAsync],
  );

  return (
    <Card
      title="Your picture"
      description={`What the members of ${organization.name} see next to your name.`}
    >
      <div className="flex flex-wrap items-start gap-4">
        <MemberAvatar name={session.data?.name ?? ""} avatarUrl={avatarUrl} size="lg" />
        <div className="min-w-0 flex-1 space-y-3">
          <FileUpload
            purpose="avatar"
            label={avatarUrl ? "Change picture" : "Upload a picture"}
            start={start}
            onUploaded={refresh}
          />
          {avatarFileId && (
            <Button
              variant="danger-ghost"
              size="sm"
              pending={remove.isPending}
              onClick={() => remove.mutate({ id: avatarFileId })}
            >
              Remove picture
            </Button>
          )}
          {remove.error && <FormAlert>{errorMessage(remove.error)}</FormAlert>}
        </div>
      </div>
    </Card>
  );
}
