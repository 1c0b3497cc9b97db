// A studio post's publishing job (schema/studio.ts), scheduled for its instant. It lives here,
// next to the table, because two packages schedule it: the api's studio service and the demo
// seed, which cannot import the api. The handler is the api's (jobs/studio.ts,
// services/studio-publish.ts).
import type { TenantScope } from "./scope.ts";

/** What the job gets: the post, and the instant it was scheduled for. */
export interface StudioPublishJob {
  studioPostId: string;
  /** ISO time: a run for an older schedule (moved or unscheduled since) does nothing. */
  scheduledAt: string;
}

declare module "./scope.ts" {
  interface JobPayloads {
    "studio.publish": StudioPublishJob;
  }
}

/** Publishing tries this often (graphile-worker's exponential backoff between) before failing. */
export const STUDIO_PUBLISH_ATTEMPTS = 5;

/** Queues the post's one publishing job (its key): scheduling again moves the waiting one. */
export async function scheduleStudioPublish(
  scope: TenantScope,
  post: { id: string; scheduledAt: Date },
): Promise<void> {
  await scope.enqueue(
    "studio.publish",
    { studioPostId: post.id, scheduledAt: post.scheduledAt.toISOString() },
    { runAt: post.scheduledAt, jobKey: post.id, maxAttempts: STUDIO_PUBLISH_ATTEMPTS },
  );
}
