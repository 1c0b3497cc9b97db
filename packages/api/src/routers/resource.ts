import type { TRPCRouterRecord } from "@trpc/server";
import {
  addLinkInput,
  createFolderInput,
  moveResourceInput,
  reorderFoldersInput,
  reorderResourcesInput,
  resourceIdInput,
  resourceSpaceInput,
  startResourceUploadInput,
  updateFolderInput,
  updateResourceInput,
} from "../schemas/resource.ts";
import {
  addLink,
  createFolder,
  listResources,
  moveResource,
  removeFolder,
  removeResource,
  reorderFolders,
  reorderResources,
  startResourceUpload,
  updateFolder,
  updateResource,
} from "../services/resource.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

const moderate = roleProcedure("moderator");

// Resources spaces (services/resource.ts): whoever sees the space lists its folders and
// resources and downloads the files (file.downloadUrl); moderators and up change them. A space
// the caller cannot see is NOT_FOUND (the database's rule).
export const resourceRouter = {
  list: orgProcedure
    .input(resourceSpaceInput)
    .query(({ ctx, input }) => listResources(ctx.scope, input)),
  createFolder: moderate
    .input(createFolderInput)
    .mutation(({ ctx, input }) => createFolder(ctx.scope, input)),
  updateFolder: moderate
    .input(updateFolderInput)
    .mutation(({ ctx, input }) => updateFolder(ctx.scope, input)),
  removeFolder: moderate
    .input(resourceIdInput)
    .mutation(({ ctx, input }) => removeFolder(ctx.scope, input)),
  reorderFolders: moderate
    .input(reorderFoldersInput)
    .mutation(({ ctx, input }) => reorderFolders(ctx.scope, input)),
  addLink: moderate.input(addLinkInput).mutation(({ ctx, input }) => addLink(ctx.scope, input)),
  /** The file resource and its pending upload; the browser then PUTs and file.confirmUpload. */
  startFileUpload: moderate
    .concat(uploadRateLimit)
    .input(startResourceUploadInput)
    .mutation(({ ctx, input }) => startResourceUpload(ctx.scope, ctx.storage, input)),
  update: moderate
    .input(updateResourceInput)
    .mutation(({ ctx, input }) => updateResource(ctx.scope, input)),
  move: moderate
    .input(moveResourceInput)
    .mutation(({ ctx, input }) => moveResource(ctx.scope, input)),
  reorder: moderate
    .input(reorderResourcesInput)
    .mutation(({ ctx, input }) => reorderResources(ctx.scope, input)),
  remove: moderate
    .input(resourceIdInput)
    .mutation(({ ctx, input }) => removeResource(ctx.scope, input)),
} satisfies TRPCRouterRecord;
