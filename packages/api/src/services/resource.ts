// Resources spaces (schema/resource.ts): a space of type resources holds files and links with
// descriptions, at its top level or in one level of folders. Whoever sees the space lists them
// and downloads the files (file.downloadUrl, under the resource file policy in
// file-policies.ts); moderators and up add, edit, move, reorder and delete them.
//
// Who sees a space is the database's rule: every query here adds visibleSpace() to its own where,
// and row-level security enforces the same rule under it (both tables are space-scoped). A space
// the caller cannot see, and everything in it, is NOT_FOUND, never FORBIDDEN.
//
// A file resource is created with its pending upload, in one transaction (startResourceUpload):
// the list shows it once the platform's confirmation made the file ready, and an upload that is
// refused, cancelled or never confirmed deletes the file and, by cascade, the item. Deleting a
// file resource deletes its file (whose object follows through the platform's deletion job).
import {
  and,
  asc,
  count,
  eq,
  file,
  inArray,
  isNull,
  max,
  or,
  RESOURCE_FOLDERS_MAX,
  RESOURCE_ITEMS_PER_FOLDER_MAX,
  type ResourceKind,
  resourceFolder,
  resourceItem,
  type SQL,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
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
import { actsAs } from "./actor.ts";
import { startUpload } from "./file.ts";
import { actingMember } from "./member.ts";
import { type PersonView, peopleById } from "./people.ts";
import { applyOrder } from "./reorder.ts";
import { type SpaceKind, typedSpace } from "./space.ts";

export interface ResourceFileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface ResourceView {
  id: string;
  folderId: string | null;
  kind: ResourceKind;
  title: string;
  description: string;
  /** A link's address (http or https); null for a file. */
  url: string | null;
  /** A file's platform file (download it with file.downloadUrl); null for a link. */
  file: ResourceFileView | null;
  position: number;
  createdAt: Date;
  /** Null once they left the organization ("Former member"). */
  createdBy: PersonView | null;
}

export interface ResourceFolderView {
  id: string;
  name: string;
  description: string;
  position: number;
  items: ResourceView[];
}

export interface ResourceLibrary {
  spaceId: string;
  /** Moderators and up add, edit, move, reorder and delete (not while the space is archived). */
  canManage: boolean;
  archived: boolean;
  folders: ResourceFolderView[];
  /** The resources at the space's top level (in no folder). */
  items: ResourceView[];
}

const missingFolder = () => notFound("Folder");
const missingResource = () => notFound("Resource");

const resourcesSpace: SpaceKind = {
  type: "resources",
  otherType: "This space is not a resources space",
  archived: "This space is archived: its resources are read-only",
  writers: { role: "moderator", refusal: "Only moderators and admins can change resources" },
};

/** A folder of a space the caller sees (for writing: a live resources space), or NOT_FOUND. */
async function readFolder(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({ id: resourceFolder.id, spaceId: resourceFolder.spaceId })
    .from(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.id, id),
        visibleSpace(resourceFolder.spaceId),
      ),
    );
  if (!row) throw missingFolder();
  await typedSpace(scope, row.spaceId, resourcesSpace, { forWriting: true });
  return row;
}

/** A folder named as a resource's destination: of that space, else NOT_FOUND on the field. */
async function assertFolderInSpace(scope: TenantScope, spaceId: string, folderId: string | null) {
  if (folderId === null) return;
  const [row] = await scope.db
    .select({ id: resourceFolder.id })
    .from(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.spaceId, spaceId),
        eq(resourceFolder.id, folderId),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", "Folder not found", { field: "folderId" });
}

const inFolder = (folderId: string | null): SQL =>
  folderId === null ? isNull(resourceItem.folderId) : eq(resourceItem.folderId, folderId);

/**
 * The next position in a folder (or the top level), after checking it has room. Two adds at
 * once may take the same position: the list then orders them by id, and a reorder settles it.
 */
async function nextItemPosition(scope: TenantScope, spaceId: string, folderId: string | null) {
  const [row] = await scope.db
    .select({ items: count(), last: max(resourceItem.position) })
    .from(resourceItem)
    .where(
      and(
        eq(resourceItem.organizationId, scope.organizationId),
        eq(resourceItem.spaceId, spaceId),
        inFolder(folderId),
      ),
    );
  if ((row?.items ?? 0) >= RESOURCE_ITEMS_PER_FOLDER_MAX)
    throw new AppError(
      "CONFLICT",
      `A folder holds at most ${RESOURCE_ITEMS_PER_FOLDER_MAX} resources: use another folder`,
      { field: "folderId" },
    );
  return (row?.last ?? -1) + 1;
}

const itemColumns = {
  id: resourceItem.id,
  spaceId: resourceItem.spaceId,
  folderId: resourceItem.folderId,
  kind: resourceItem.kind,
  title: resourceItem.title,
  description: resourceItem.description,
  url: resourceItem.url,
  position: resourceItem.position,
  createdAt: resourceItem.createdAt,
  createdByMemberId: resourceItem.createdByMemberId,
  fileId: file.id,
  fileName: file.name,
  fileSize: file.size,
  fileContentType: file.contentType,
};

/** A link, or a file whose upload was confirmed: what members see (pending uploads are not). */
const listed = or(eq(resourceItem.kind, "link"), eq(file.status, "ready"));

function selectItems(scope: TenantScope, where: SQL | undefined) {
  return scope.db
    .select(itemColumns)
    .from(resourceItem)
    .leftJoin(
      file,
      and(
        eq(file.organizationId, resourceItem.organizationId),
        eq(file.spaceId, resourceItem.spaceId),
        eq(file.id, resourceItem.fileId),
      ),
    )
    .where(
      and(
        eq(resourceItem.organizationId, scope.organizationId),
        visibleSpace(resourceItem.spaceId),
        listed,
        where,
      ),
    )
    .orderBy(asc(resourceItem.position), asc(resourceItem.id));
}

type ItemRow = Awaited<ReturnType<typeof selectItems>>[number];

async function views(scope: TenantScope, rows: ItemRow[]): Promise<ResourceView[]> {
  const people = await peopleById(
    scope,
    rows.map((r) => r.createdByMemberId),
  );
  return rows.map((r) => ({
    id: r.id,
    folderId: r.folderId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    url: r.kind === "link" ? r.url : null,
    file:
      r.kind === "file" &&
      r.fileId !== null &&
      r.fileName !== null &&
      r.fileSize !== null &&
      r.fileContentType !== null
        ? { id: r.fileId, name: r.fileName, size: r.fileSize, contentType: r.fileContentType }
        : null,
    position: r.position,
    createdAt: r.createdAt,
    createdBy: r.createdByMemberId ? (people.get(r.createdByMemberId) ?? null) : null,
  }));
}

async function viewOf(scope: TenantScope, id: string): Promise<ResourceView> {
  const [view] = await views(scope, await selectItems(scope, eq(resourceItem.id, id)));
  if (!view) throw missingResource();
  return view;
}

/** resource.list: a resources space's folders and resources, in order. */
export async function listResources(
  scope: TenantScope,
  input: z.output<typeof resourceSpaceInput>,
): Promise<ResourceLibrary> {
  const room = await typedSpace(scope, input.spaceId, resourcesSpace, { forWriting: false });
  const folders = await scope.db
    .select({
      id: resourceFolder.id,
      name: resourceFolder.name,
      description: resourceFolder.description,
      position: resourceFolder.position,
    })
    .from(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.spaceId, room.id),
        visibleSpace(resourceFolder.spaceId),
      ),
    )
    .orderBy(asc(resourceFolder.position), asc(resourceFolder.id));
  const items = await views(scope, await selectItems(scope, eq(resourceItem.spaceId, room.id)));
  return {
    spaceId: room.id,
    canManage: actsAs(scope, "moderator") && room.archivedAt === null,
    archived: room.archivedAt !== null,
    folders: folders.map((f) => ({ ...f, items: items.filter((i) => i.folderId === f.id) })),
    items: items.filter((i) => i.folderId === null),
  };
}

/** Tells whoever sees the space that its resources changed (realtime/resource.ts). */
export async function announceResources(scope: TenantScope, spaceId: string) {
  await publish(scope, { kind: "resource.changed", target: { type: "space", id: spaceId } });
}

/** resource.createFolder: a folder at the end of the space's folders. */
export async function createFolder(
  scope: TenantScope,
  input: z.output<typeof createFolderInput>,
): Promise<{ id: string }> {
  const me = actingMember(scope);
  await typedSpace(scope, input.spaceId, resourcesSpace, { forWriting: true });
  const [stats] = await scope.db
    .select({ folders: count(), last: max(resourceFolder.position) })
    .from(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.spaceId, input.spaceId),
      ),
    );
  if ((stats?.folders ?? 0) >= RESOURCE_FOLDERS_MAX)
    throw new AppError("CONFLICT", `A space holds at most ${RESOURCE_FOLDERS_MAX} folders`);
  const [row] = await scope.db
    .insert(resourceFolder)
    .values({
      organizationId: scope.organizationId,
      spaceId: input.spaceId,
      name: input.name,
      description: input.description,
      position: (stats?.last ?? -1) + 1,
      createdByMemberId: me.memberId,
    })
    .returning({ id: resourceFolder.id });
  if (!row) throw new Error("the folder just written is gone");
  await announceResources(scope, input.spaceId);
  return row;
}

/** resource.updateFolder: its name and description. */
export async function updateFolder(
  scope: TenantScope,
  input: z.output<typeof updateFolderInput>,
): Promise<{ id: string }> {
  const folder = await readFolder(scope, input.id);
  const [row] = await scope.db
    .update(resourceFolder)
    .set({ name: input.name, description: input.description })
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.id, folder.id),
      ),
    )
    .returning({ id: resourceFolder.id });
  if (!row) throw missingFolder();
  await announceResources(scope, folder.spaceId);
  return row;
}

/**
 * resource.removeFolder: the folder and everything in it. Its files are deleted first (their
 * items go with them by cascade, their objects through the platform's deletion job), then the
 * folder, whose links go by cascade: one transaction, nothing left half-deleted.
 */
export async function removeFolder(
  scope: TenantScope,
  input: z.output<typeof resourceIdInput>,
): Promise<{ id: string }> {
  const folder = await readFolder(scope, input.id);
  await scope.db.delete(file).where(
    and(
      eq(file.organizationId, scope.organizationId),
      eq(file.spaceId, folder.spaceId),
      inArray(
        file.id,
        scope.db
          .select({ id: sql<string>`${resourceItem.fileId}` })
          .from(resourceItem)
          .where(
            and(
              eq(resourceItem.organizationId, scope.organizationId),
              eq(resourceItem.spaceId, folder.spaceId),
              eq(resourceItem.folderId, folder.id),
            ),
          ),
      ),
    ),
  );
  const [row] = await scope.db
    .delete(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.id, folder.id),
      ),
    )
    .returning({ id: resourceFolder.id });
  if (!row) throw missingFolder();
  await announceResources(scope, folder.spaceId);
  return row;
}

/** resource.reorderFolders: every folder of the space, in their new order. */
export async function reorderFolders(
  scope: TenantScope,
  input: z.output<typeof reorderFoldersInput>,
): Promise<{ ids: string[] }> {
  await typedSpace(scope, input.spaceId, resourcesSpace, { forWriting: true });
  const current = await scope.db
    .select({ id: resourceFolder.id })
    .from(resourceFolder)
    .where(
      and(
        eq(resourceFolder.organizationId, scope.organizationId),
        eq(resourceFolder.spaceId, input.spaceId),
      ),
    );
  const order = await applyOrder(scope, resourceFolder, input.spaceId, current, input.ids);
  await announceResources(scope, input.spaceId);
  return order;
}

/** resource.addLink: a link at the end of its folder (or the top level). */
export async function addLink(
  scope: TenantScope,
  input: z.output<typeof addLinkInput>,
): Promise<ResourceView> {
  const me = actingMember(scope);
  await typedSpace(scope, input.spaceId, resourcesSpace, { forWriting: true });
  await assertFolderInSpace(scope, input.spaceId, input.folderId);
  const position = await nextItemPosition(scope, input.spaceId, input.folderId);
  const [row] = await scope.db
    .insert(resourceItem)
    .values({
      organizationId: scope.organizationId,
      spaceId: input.spaceId,
      folderId: input.folderId,
      kind: "link",
      title: input.title,
      description: input.description,
      url: input.url,
      position,
      createdByMemberId: me.memberId,
    })
    .returning({ id: resourceItem.id });
  if (!row) throw new Error("the resource just written is gone");
  await announceResources(scope, input.spaceId);
  return viewOf(scope, row.id);
}

/**
 * resource.startFileUpload: the item and its pending upload in one transaction; the browser PUTs
 * the file and confirms it with file.confirmUpload, after which the list shows it.
 */
export async function startResourceUpload(
  scope: TenantScope,
  storage: Storage,
  { spaceId, folderId, title, description, ...upload }: z.output<typeof startResourceUploadInput>,
) {
  const me = actingMember(scope);
  await typedSpace(scope, spaceId, resourcesSpace, { forWriting: true });
  await assertFolderInSpace(scope, spaceId, folderId);
  const position = await nextItemPosition(scope, spaceId, folderId);
  const started = await startUpload(scope, storage, { purpose: "resource", spaceId }, upload);
  const [row] = await scope.db
    .insert(resourceItem)
    .values({
      organizationId: scope.organizationId,
      spaceId,
      folderId,
      kind: "file",
      // A file name is one line of at most 255 characters; a title at most RESOURCE_TITLE_MAX.
      title: title ?? upload.name.slice(0, 120).trim(),
      description,
      fileId: started.file.id,
      position,
      createdByMemberId: me.memberId,
    })
    .returning({ id: resourceItem.id });
  if (!row) throw new Error("the resource just written is gone");
  return { item: { id: row.id }, ...started };
}

/**
 * A resource of a space the caller sees, pending uploads included (their uploader edits or
 * withdraws them like any other), for writing: a live resources space.
 */
async function readResource(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({
      id: resourceItem.id,
      spaceId: resourceItem.spaceId,
      folderId: resourceItem.folderId,
      kind: resourceItem.kind,
      fileId: resourceItem.fileId,
    })
    .from(resourceItem)
    .where(
      and(
        eq(resourceItem.organizationId, scope.organizationId),
        eq(resourceItem.id, id),
        visibleSpace(resourceItem.spaceId),
      ),
    );
  if (!row) throw missingResource();
  await typedSpace(scope, row.spaceId, resourcesSpace, { forWriting: true });
  return row;
}

/** resource.update: title and description, and a link's address. */
export async function updateResource(
  scope: TenantScope,
  input: z.output<typeof updateResourceInput>,
): Promise<ResourceView> {
  const item = await readResource(scope, input.id);
  if (input.url !== undefined && item.kind !== "link")
    throw new AppError("BAD_REQUEST", "A file has no address to change", { field: "url" });
  const [row] = await scope.db
    .update(resourceItem)
    .set({
      title: input.title,
      description: input.description,
      ...(input.url === undefined ? {} : { url: input.url }),
    })
    .where(and(eq(resourceItem.organizationId, scope.organizationId), eq(resourceItem.id, item.id)))
    .returning({ id: resourceItem.id });
  if (!row) throw missingResource();
  await announceResources(scope, item.spaceId);
  return viewOf(scope, row.id);
}

/** resource.move: into another folder of its space (or the top level), at its end. */
export async function moveResource(
  scope: TenantScope,
  input: z.output<typeof moveResourceInput>,
): Promise<ResourceView> {
  const item = await readResource(scope, input.id);
  if (item.folderId === input.folderId) return viewOf(scope, item.id);
  await assertFolderInSpace(scope, item.spaceId, input.folderId);
  const position = await nextItemPosition(scope, item.spaceId, input.folderId);
  const [row] = await scope.db
    .update(resourceItem)
    .set({ folderId: input.folderId, position })
    .where(and(eq(resourceItem.organizationId, scope.organizationId), eq(resourceItem.id, item.id)))
    .returning({ id: resourceItem.id });
  if (!row) throw missingResource();
  await announceResources(scope, item.spaceId);
  return viewOf(scope, row.id);
}

/** resource.reorder: every resource of a folder (or the top level), in their new order. */
export async function reorderResources(
  scope: TenantScope,
  input: z.output<typeof reorderResourcesInput>,
): Promise<{ ids: string[] }> {
  await typedSpace(scope, input.spaceId, resourcesSpace, { forWriting: true });
  await assertFolderInSpace(scope, input.spaceId, input.folderId);
  // Pending uploads keep their place: the list the moderator saw is the listed resources.
  const current = await selectItems(
    scope,
    and(eq(resourceItem.spaceId, input.spaceId), inFolder(input.folderId)),
  );
  const order = await applyOrder(scope, resourceItem, input.spaceId, current, input.ids);
  await announceResources(scope, input.spaceId);
  return order;
}

/**
 * resource.remove: a link, or a file resource with its file (the item goes with the file by
 * cascade, the object through the platform's deletion job).
 */
export async function removeResource(
  scope: TenantScope,
  input: z.output<typeof resourceIdInput>,
): Promise<{ id: string }> {
  const item = await readResource(scope, input.id);
  if (item.fileId !== null) {
    await scope.db
      .delete(file)
      .where(
        and(
          eq(file.organizationId, scope.organizationId),
          eq(file.spaceId, item.spaceId),
          eq(file.id, item.fileId),
        ),
      );
  }
  await scope.db
    .delete(resourceItem)
    .where(
      and(eq(resourceItem.organizationId, scope.organizationId), eq(resourceItem.id, item.id)),
    );
  await announceResources(scope, item.spaceId);
  return { id: item.id };
}
