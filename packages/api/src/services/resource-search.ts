// Community search over resources (issue 11): the titles and descriptions of the files and links
// in the resources spaces the caller sees, through the platform's indexed words (searchable() in
// schema/resource.ts), newest first, with the matched words marked.
//
// Always the walk (search "recent" mode): the organization's listed resources newest first, each
// probed for the query's words (search_term's primary key), until a page is full. A community
// keeps hundreds of resources, not the hundreds of thousands posts reach, so ranking the few
// matches by id first (as posts do) would buy little; resource_item has no (organization,
// created_at) index for the same reason, and the walk sorts the organization's resources.
//
// Visibility: resource_item is space-scoped (RLS hides what its space hides) and the where
// repeats the rule (visibleSpace), and archived spaces are left out as community search leaves
// them (inOpenSpace).
import {
  and,
  eq,
  file,
  or,
  resourceItem,
  searchMatches,
  searchWords,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { type communitySearchInput, encodeSearchCursor } from "../schemas/community-search.ts";
import type { SearchPage } from "./community-search.ts";
import { inOpenSpace } from "./feed.ts";
import { type Highlighted, mark, queryWords, snippet } from "./search-snippet.ts";

export interface ResourceHit {
  id: string;
  kind: "file" | "link";
  title: Highlighted;
  snippet: Highlighted;
  /** A link's address; null for a file (downloaded with file.downloadUrl). */
  url: string | null;
  file: { id: string; name: string } | null;
  space: { id: string; slug: string; name: string; icon: string };
  createdAt: Date;
}

const isoAt = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** search.resources: files and links whose title or description holds every query word. */
export async function searchResources(
  scope: TenantScope,
  input: z.output<typeof communitySearchInput>,
): Promise<SearchPage<ResourceHit>> {
  const words = queryWords(input.q);
  if (words.length === 0) return { items: [], nextCursor: null, mode: "recent" };
  const { cursor, limit } = input;
  const rows = await scope.db
    .select({
      id: resourceItem.id,
      kind: resourceItem.kind,
      title: resourceItem.title,
      description: resourceItem.description,
      url: resourceItem.url,
      createdAt: resourceItem.createdAt,
      fileId: file.id,
      fileName: file.name,
      spaceId: space.id,
      spaceSlug: space.slug,
      spaceName: space.name,
      spaceIcon: space.icon,
    })
    .from(resourceItem)
    .innerJoin(
      space,
      and(
        eq(space.organizationId, resourceItem.organizationId),
        eq(space.id, resourceItem.spaceId),
      ),
    )
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
        inOpenSpace(scope, resourceItem.spaceId),
        // Listed resources only: a link, or a file whose upload was confirmed.
        or(eq(resourceItem.kind, "link"), eq(file.status, "ready")),
        searchMatches({
          kinds: ["resource"],
          words: searchWords(sql`${input.q}`),
          organizationId: sql`${scope.organizationId}::uuid`,
          targetId: resourceItem.id,
        }),
        cursor
          ? sql`(${resourceItem.createdAt}, ${resourceItem.id}) < (${isoAt(cursor.at)}, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`${resourceItem.createdAt} desc`, sql`${resourceItem.id} desc`)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(
    (row): ResourceHit => ({
      id: row.id,
      kind: row.kind,
      title: mark(row.title, words),
      snippet: snippet(row.description, words),
      url: row.kind === "link" ? row.url : null,
      file:
        row.kind === "file" && row.fileId !== null && row.fileName !== null
          ? { id: row.fileId, name: row.fileName }
          : null,
      space: { id: row.spaceId, slug: row.spaceSlug, name: row.spaceName, icon: row.spaceIcon },
      createdAt: row.createdAt,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    mode: "recent",
    nextCursor:
      rows.length > limit && last
        ? encodeSearchCursor({ mode: "recent", rank: 0, at: last.createdAt.getTime(), id: last.id })
        : null,
  };
}
