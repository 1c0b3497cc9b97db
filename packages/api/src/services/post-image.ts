// Images in posts and comments (issue 11): uploaded through the platform's files (purpose
// post_image, owned by the space written in), then put in the body as markdown image syntax that
// names the app's own file route. Who may fetch one is who sees its space (file-policies.ts).

import type { TenantScope } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import type { postImageUploadInput } from "../schemas/file.ts";
import { publicFilePath, startUpload } from "./file.ts";
import { spaceToWriteIn } from "./post.ts";

/**
 * post.startImageUpload: a pending image in a discussion space the member sees and may write in
 * (NOT_FOUND for one they cannot see), with the URL its bytes go to and the path the body names
 * once it is confirmed.
 */
export async function startPostImageUpload(
  scope: TenantScope,
  storage: Storage,
  input: z.output<typeof postImageUploadInput>,
) {
  const target = await spaceToWriteIn(scope, input.spaceId);
  const started = await startUpload(
    scope,
    storage,
    { purpose: "post_image", spaceId: target.id },
    input,
  );
  return { ...started, path: publicFilePath(scope.organizationId, started.file.id) };
}
