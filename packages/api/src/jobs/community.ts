import { z } from "zod";
import { fanOutNewPost } from "../services/community-notifications.ts";
import { tenantTask } from "./define.ts";

export const communityTasks = {
  // A new post told to its space's followers, out of the request that published it.
  "community.new_post": tenantTask<"community.new_post">({
    payload: z.object({ postId: z.uuid() }).loose(),
    async run(job, { tenant }) {
      await tenant((scope) => fanOutNewPost(scope, job));
    },
  }),
};
