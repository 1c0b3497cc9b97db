// Resources spaces (issue 11): the limits the database's CHECKs, the API's zod schemas and the
// web's forms share.

/** A resource is a file kept in Guild's storage, or a link to a page elsewhere. */
export const resourceKinds = ["file", "link"] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const RESOURCE_TITLE_MAX = 120;
export const RESOURCE_DESCRIPTION_MAX = 1000;
/** Browsers and servers handle URLs far longer; a link this long is not one people share. */
export const RESOURCE_URL_MAX = 2000;
export const RESOURCE_FOLDER_NAME_MAX = 80;
export const RESOURCE_FOLDER_DESCRIPTION_MAX = 500;
/** Folders per space and items per folder (or at the top level): a library, not a drive. */
export const RESOURCE_FOLDERS_MAX = 100;
export const RESOURCE_ITEMS_PER_FOLDER_MAX = 200;
