// Resources spaces: the inputs of the resource procedures, shared with the web's forms (which
// check them before sending and show the server's issues next to the same fields).
import {
  RESOURCE_DESCRIPTION_MAX,
  RESOURCE_FOLDER_DESCRIPTION_MAX,
  RESOURCE_FOLDER_NAME_MAX,
  RESOURCE_FOLDERS_MAX,
  RESOURCE_ITEMS_PER_FOLDER_MAX,
  RESOURCE_TITLE_MAX,
  RESOURCE_URL_MAX,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text, webAddress } from "./common.ts";
import { uploadFields } from "./file.ts";

export const resourceTitle = lineOfText()
  .trim()
  .min(1, "Give it a title")
  .max(RESOURCE_TITLE_MAX, `A title has at most ${RESOURCE_TITLE_MAX} characters`);

export const resourceDescription = text()
  .trim()
  .max(
    RESOURCE_DESCRIPTION_MAX,
    `A description has at most ${RESOURCE_DESCRIPTION_MAX} characters`,
  );

/** A link's address: somewhere else on the web, nothing more (http or https). */
export const resourceUrl = webAddress(RESOURCE_URL_MAX, "Enter the link's address");

export const folderName = lineOfText()
  .trim()
  .min(1, "Name the folder")
  .max(
    RESOURCE_FOLDER_NAME_MAX,
    `A folder name has at most ${RESOURCE_FOLDER_NAME_MAX} characters`,
  );

export const folderDescription = text()
  .trim()
  .max(
    RESOURCE_FOLDER_DESCRIPTION_MAX,
    `A folder's description has at most ${RESOURCE_FOLDER_DESCRIPTION_MAX} characters`,
  );

/** Where a resource sits: a folder of its space, or null for the space's top level. */
const folderId = idSchema.nullable();

export const resourceSpaceInput = z.object({ spaceId: idSchema });
export const resourceIdInput = z.object({ id: idSchema });

export const createFolderInput = z.object({
  spaceId: idSchema,
  name: folderName,
  description: folderDescription.default(""),
});
export const updateFolderInput = z.object({
  id: idSchema,
  name: folderName,
  description: folderDescription.default(""),
});
export const reorderFoldersInput = z.object({
  spaceId: idSchema,
  /** Every folder of the space, in their new order. */
  ids: z.array(idSchema).min(1).max(RESOURCE_FOLDERS_MAX),
});

export const addLinkInput = z.object({
  spaceId: idSchema,
  folderId,
  title: resourceTitle,
  description: resourceDescription.default(""),
  url: resourceUrl,
});

/** A file resource: its title (the file's name when left empty) and description, then the file. */
export const startResourceUploadInput = uploadFields("resource").extend({
  spaceId: idSchema,
  folderId,
  title: resourceTitle.optional(),
  description: resourceDescription.default(""),
});

/** What a moderator edits: title and description, and a link's address (not a file's). */
export const updateResourceInput = z.object({
  id: idSchema,
  title: resourceTitle,
  description: resourceDescription.default(""),
  url: resourceUrl.optional(),
});

export const moveResourceInput = z.object({ id: idSchema, folderId });

export const reorderResourcesInput = z.object({
  spaceId: idSchema,
  folderId,
  /** Every resource of that folder (or the top level), in their new order. */
  ids: z.array(idSchema).min(1).max(RESOURCE_ITEMS_PER_FOLDER_MAX),
});
