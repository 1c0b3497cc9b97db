import { createRoute } from "@tanstack/react-router";
import { PipelineBoard } from "../features/leads/pipeline-board";
import { organizationRoute } from "./organization";

export const pipelineRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/pipeline",
  component: PipelineBoard,
});
