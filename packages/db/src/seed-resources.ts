// The demo organization's resources space (issue 11, seed-spaces.ts "resources"): two folders
// with links, and a link at the top level. Links only: the seed runs on the database alone, and a
// file resource's bytes live in object storage, which `pnpm db:seed` and the seed tests do not
// reach; moderators upload files from the space's page. Idempotent: a demo that already has
// resources keeps them.
import { and, eq } from "drizzle-orm";
import { resourceFolder, resourceItem, space } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

interface DemoLink {
  title: string;
  description: string;
  url: string;
}

export const demoResourceFolders: readonly {
  name: string;
  description: string;
  links: DemoLink[];
}[] = [
  {
    name: "Getting started",
    description: "Read these first.",
    links: [
      {
        title: "Community guidelines",
        description: "How we talk to each other here, and what moderators do when we don't.",
        url: "https://www.contributor-covenant.org/version/2/1/code_of_conduct/",
      },
      {
        title: "Markdown cheat sheet",
        description: "Posts and comments are written in Markdown: headings, lists, links, code.",
        url: "https://www.markdownguide.org/cheat-sheet/",
      },
    ],
  },
  {
    name: "Templates",
    description: "Copy them, fill them in, share what you made.",
    links: [
      {
        title: "Project brief template",
        description: "One page: the problem, who it is for, what done looks like.",
        url: "https://www.atlassian.com/software/confluence/templates/project-plan",
      },
    ],
  },
];

export const demoTopLevelLinks: readonly DemoLink[] = [
  {
    title: "Guild on GitHub",
    description: "The platform this community runs on.",
    url: "https://github.com/",
  },
];

/** Fills the demo's resources space when it has no resources yet; whether it added any. */
export async function seedDemoResources(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const [library] = await scope.db
    .select({ id: space.id })
    .from(space)
    .where(and(eq(space.organizationId, organizationId), eq(space.slug, "resources")));
  if (!library) return false;
  const existing = await scope.db
    .select({ id: resourceItem.id })
    .from(resourceItem)
    .where(eq(resourceItem.organizationId, organizationId))
    .limit(1);
  if (existing.length > 0) return false;
  const createdByMemberId = memberIds[0] ?? null;
  const spaceId = library.id;
  for (const [position, folder] of demoResourceFolders.entries()) {
    const [row] = await scope.db
      .insert(resourceFolder)
      .values({
        organizationId,
        spaceId,
        name: folder.name,
        description: folder.description,
        position,
        createdByMemberId,
      })
      .returning({ id: resourceFolder.id });
    if (!row) throw new Error("the folder just written is gone");
    await scope.db.insert(resourceItem).values(
      folder.links.map((link, index) => ({
        organizationId,
        spaceId,
        folderId: row.id,
        kind: "link" as const,
        ...link,
        position: index,
        createdByMemberId,
      })),
    );
  }
  await scope.db.insert(resourceItem).values(
    demoTopLevelLinks.map((link, index) => ({
      organizationId,
      spaceId,
      folderId: null,
      kind: "link" as const,
      ...link,
      position: index,
      createdByMemberId,
    })),
  );
  return true;
}
