import { createRoute } from "@tanstack/react-router";
import { PipelineBoard } from "../features/leads/pipeline-board";
import { organizationScreenHead } from "./head";
import { organizationRoute } from "./organization";

export const pipelineRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/pipeline",
  head: organizationScreenHead("Pipeline"),
  component: PipelineBoard,
});
