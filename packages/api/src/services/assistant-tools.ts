// What the assistant may look up, as plain functions of a TenantScope. Each runs in the asking
// member's own tenant scope (services/assistant-chat.ts opens a short transaction as the member
// for every call) and through the services and policies their screens use, so a tool can never
// return what the member could not open: another organization's rows are outside the scope,
// private spaces outside guild_visible_space_ids(), the CRM behind the lead policy. The model
// picks the tool and its input; nothing it asks for widens the member's rights.
import type { TenantScope } from "@guild/db";
import { z } from "zod";
import { can as canLeads } from "../policies/lead.ts";
import { text } from "../schemas/common.ts";
import { organizationEventsInput } from "../schemas/event.ts";
import { homeFeedInput } from "../schemas/post.ts";
import { listOrganizationEvents } from "./event.ts";
import { homeFeed } from "./feed.ts";
import { listLeads, pipelineSummary } from "./lead.ts";
import { learnerDashboard } from "./learning-stats.ts";
import { actingMember } from "./member.ts";

/** What a tool tells the model when the member may not see its data (their screen would refuse). */
export interface ToolRefusal {
  unavailable: string;
}

const noCrmAccess: ToolRefusal = {
  unavailable:
    "This member has no access to the CRM (leads and pipeline are for staff). Say so; do not guess.",
};

/** Longest post excerpt handed to the model: enough to answer, not a whole article per post. */
const POST_EXCERPT = 280;

const cents = (value: number) => Math.round(value) / 100;

/** Leads per pipeline stage with their total value, as the dashboard's pipeline shows them. */
async function pipelineSummaryTool(scope: TenantScope) {
  if (!canLeads(actingMember(scope), "read")) return noCrmAccess;
  const stages = await pipelineSummary(scope);
  return {
    stages: stages.map((s) => ({ stage: s.status, leads: s.count, value: cents(s.valueCents) })),
    totalLeads: stages.reduce((sum, s) => sum + s.count, 0),
    totalValue: cents(stages.reduce((sum, s) => sum + s.valueCents, 0)),
  };
}

const searchLeadsInput = z.object({
  query: text().trim().max(200).describe("Words of the lead's name, email or company"),
});

/** Leads matching words, as the leads list finds them (no contact details: the CRM has them). */
async function searchLeadsTool(scope: TenantScope, input: z.output<typeof searchLeadsInput>) {
  if (!canLeads(actingMember(scope), "read")) return noCrmAccess;
  const page = await listLeads(scope, {
    search: input.query,
    sort: "updatedAt",
    order: "desc",
    limit: 10,
  });
  return {
    leads: page.items.map((l) => ({
      name: l.name,
      company: l.company,
      stage: l.status,
      value: l.valueCents === null ? null : cents(l.valueCents),
      owner: l.ownerName,
    })),
    more: page.nextCursor !== null,
  };
}

/** The newest posts of the spaces the member sees (their home feed's first page). */
async function recentPostsTool(scope: TenantScope) {
  const page = await homeFeed(scope, homeFeedInput.parse({ limit: 10 }));
  return {
    posts: page.items.map((p) => ({
      space: p.space.name,
      author: p.author?.displayName ?? "Former member",
      title: p.title,
      excerpt: p.body.slice(0, POST_EXCERPT),
      comments: p.commentCount,
      publishedAt: (p.publishedAt ?? p.createdAt).toISOString(),
    })),
  };
}

/** The member's own courses in progress, with how far they are. */
async function myCoursesTool(scope: TenantScope) {
  const dashboard = await learnerDashboard(scope, { days: 7 });
  return {
    coursesInProgress: dashboard.coursesInProgress.map((c) => ({
      course: c.title,
      space: c.spaceName,
      lessons: c.lessons,
      completedLessons: c.completed,
      percentComplete: c.percentComplete,
    })),
  };
}

/** The next events in the spaces the member sees, soonest first. */
async function upcomingEventsTool(scope: TenantScope) {
  const page = await listOrganizationEvents(scope, organizationEventsInput.parse({ limit: 10 }));
  return {
    events: page.items.map((e) => ({
      title: e.title,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
      status: e.status,
      seatsLeft: e.seatsLeft,
    })),
  };
}

const noInput = z.object({});

/**
 * A tool: what the model must send (`input`, checked before it runs: a bad input is told to the
 * model, not thrown) and what it does in the member's tenant scope.
 */
function defineTool<TInput extends z.ZodType<Record<string, unknown>>>(definition: {
  label: string;
  description: string;
  input: TInput;
  execute: (scope: TenantScope, input: z.output<TInput>) => Promise<unknown>;
}) {
  return {
    ...definition,
    async run(scope: TenantScope, raw: unknown): Promise<unknown> {
      const parsed = definition.input.safeParse(raw ?? {});
      if (!parsed.success)
        return { unavailable: `Invalid input: ${parsed.error.issues[0]?.message ?? "unknown"}` };
      return definition.execute(scope, parsed.data);
    },
  };
}

/** The tools, by the name the model calls them; `label` is how the web says it ("Looked up: …"). */
export const assistantTools = {
  pipelineSummary: defineTool({
    label: "pipeline",
    description:
      "The organization's sales pipeline: how many leads are in each stage and their total value.",
    input: noInput,
    execute: (scope) => pipelineSummaryTool(scope),
  }),
  searchLeads: defineTool({
    label: "leads",
    description: "Finds leads (sales contacts) by words of their name, email or company.",
    input: searchLeadsInput,
    execute: searchLeadsTool,
  }),
  recentPosts: defineTool({
    label: "recent posts",
    description: "The newest posts in the community spaces the member can see.",
    input: noInput,
    execute: (scope) => recentPostsTool(scope),
  }),
  myCourses: defineTool({
    label: "courses",
    description: "The member's courses in progress and how far along they are.",
    input: noInput,
    execute: (scope) => myCoursesTool(scope),
  }),
  upcomingEvents: defineTool({
    label: "events",
    description: "The next events in the spaces the member can see.",
    input: noInput,
    execute: (scope) => upcomingEventsTool(scope),
  }),
};

export type AssistantToolName = keyof typeof assistantTools;
