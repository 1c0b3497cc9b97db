import { and, eq, inArray, studioPost, type TenantScope } from "@guild/db";
import { notificationKind } from "./define.ts";

/** The reader's own studio posts of these ids, by their topic or first words. */
async function describeStudioPosts(scope: TenantScope, targetIds: string[]) {
  if (scope.actor.kind !== "member") return new Map();
  const rows = await scope.db
    .select({ id: studioPost.id, topic: studioPost.topic, body: studioPost.body })
    .from(studioPost)
    .where(
      and(
        eq(studioPost.organizationId, scope.organizationId),
        eq(studioPost.memberId, scope.actor.memberId),
        inArray(studioPost.id, targetIds),
      ),
    );
  return new Map(
    rows.map((row) => [
      row.id,
      { name: row.topic || `${row.body.slice(0, 40)}…`, path: `/studio/${row.id}` },
    ]),
  );
}

/** A scheduled studio post could not be published (after the job's last attempt). */
export const studioPublishFailed = notificationKind({
  kind: "studio.publish_failed",
  label: "A scheduled post of yours could not be published",
  defaults: { inApp: true, mail: true },
  describe: describeStudioPosts,
  text: ({ target }) =>
    target
      ? `Your scheduled post “${target.name}” could not be published`
      : "A scheduled post of yours could not be published",
});
