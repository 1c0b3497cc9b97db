import { type InOrgRight, missingId, type SweepProcedure, sweepDomain } from "./define.ts";

interface StudioSeed {
  /** The owner's draft. */
  draftId: string;
  /** The owner's post scheduled to the organization's webhook next year. */
  scheduledId: string;
}

/** A studio post is its author's alone: to every other insider, admins included, it is missing. */
const author = (holds: boolean): InOrgRight<StudioSeed> => ({
  right: "be the post's author",
  lacking: ["admin", "peerAdmin", "moderator", "crmMember", "member"],
  ...(holds ? { holder: "owner" as const } : {}),
  refusal: { kind: "hidden" },
});

/** A procedure on one post by its id: the author's alone. */
const onPost = (id: (s: StudioSeed) => string, holds: boolean): SweepProcedure<StudioSeed> => ({
  access: "member",
  input: (s) => ({ id: id(s) }),
  missing: () => ({ id: missingId }),
  requires: [author(holds)],
});

const later = () => new Date(Date.now() + 365 * 86_400_000);

export const studioSweep = sweepDomain<StudioSeed>({
  async seed(victim) {
    await victim.owner.studio.setWebhook({ url: "https://hooks.victim.example/studio" });
    const draft = await victim.owner.studio.save({
      topic: "Victim's launch",
      tone: "friendly",
      platform: "community",
      length: "short",
      body: "Victim's secret draft",
    });
    const scheduled = await victim.owner.studio.save({
      topic: "Victim's plan",
      tone: "bold",
      platform: "linkedin",
      length: "short",
      body: "Victim's scheduled post",
    });
    await victim.owner.studio.schedule({ id: scheduled.id, target: "webhook", at: later() });
    // A published one (so the publish record's table has a victim row): into a discussion space.
    const sections = await victim.owner.space.list();
    const forum =
      sections.flatMap((s) => s.spaces).find((s) => s.type === "discussion" && !s.archived) ??
      (await victim.owner.space.create({
        name: "Victim's studio space",
        slug: "victims-studio-space",
        description: "",
        icon: "",
        section: "",
        type: "discussion",
        visibility: "public",
        tierIds: [],
      }));
    const published = await victim.owner.studio.save({
      topic: "Victim's news",
      tone: "informative",
      platform: "community",
      length: "short",
      body: "Victim's published post",
    });
    await victim.owner.studio.schedule({
      id: published.id,
      target: "space",
      spaceId: forum.id,
      at: new Date(),
    });
    await victim.fx.runJobs();
    return { draftId: draft.id, scheduledId: scheduled.id };
  },
  procedures: {
    "studio.list": { access: "member", input: () => ({ state: "draft" }) },
    "studio.calendar": {
      access: "member",
      input: () => ({ from: new Date(Date.now() - 86_400_000), to: later() }),
    },
    "studio.get": onPost((s) => s.draftId, true),
    // A stream: refused at subscribe; what it spends and streams is tested in studio-generate.test.ts.
    "studio.generate": {
      access: "member",
      input: () => ({
        topic: "Planted",
        tone: "friendly",
        platform: "community",
        length: "short",
        idempotencyKey: "sweep-generation",
      }),
    },
    "studio.save": {
      access: "member",
      input: () => ({
        topic: "Planted",
        tone: "friendly",
        platform: "community",
        length: "short",
        body: "Planted post",
      }),
    },
    "studio.update": {
      access: "member",
      input: (s) => ({ id: s.draftId, body: "Hijacked" }),
      missing: () => ({ id: missingId, body: "Hijacked" }),
      requires: [author(true)],
    },
    "studio.duplicate": onPost((s) => s.draftId, true),
    "studio.remove": onPost((s) => s.draftId, false),
    "studio.schedule": {
      access: "member",
      input: (s) => ({ id: s.draftId, target: "webhook", at: later() }),
      missing: () => ({ id: missingId, target: "webhook", at: later() }),
      requires: [author(false)],
    },
    "studio.unschedule": onPost((s) => s.scheduledId, false),
    "studio.retry": onPost((s) => s.scheduledId, false),
    "studio.webhookSettings": { access: "admin", input: () => undefined },
    "studio.setWebhook": {
      access: "admin",
      input: () => ({ url: "https://attacker.example/hook" }),
    },
    "studio.rotateSecret": { access: "admin", input: () => undefined },
  },
});
