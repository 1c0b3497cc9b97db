import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { PipelineBoard } from "../../features/leads/pipeline-board.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/pipeline")({
  component: () => (
    <CrmOnly>
      <PipelineBoard />
    </CrmOnly>
  ),
});
