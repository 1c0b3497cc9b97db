// The CRM's screens, under an organization.
import { leadDetailRoute } from "./lead-detail.tsx";
import { leadEditRoute } from "./lead-edit.tsx";
import { leadImportRoute } from "./lead-import.tsx";
import { leadNewRoute } from "./lead-new.tsx";
import { leadsRoute } from "./leads.tsx";
import { pipelineRoute } from "./pipeline.tsx";

export const leadRoutes = [
  leadsRoute,
  leadNewRoute,
  leadImportRoute,
  leadDetailRoute,
  leadEditRoute,
  pipelineRoute,
];
