import { createRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { PipelineBoard } from "../../features/leads/pipeline-board.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const pipelineRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/pipeline",
  head: organizationScreenHead("Pipeline"),
  component: () => (
    <CrmOnly>
      <PipelineBoard />
    </CrmOnly>
  ),
});
