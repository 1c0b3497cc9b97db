import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { lead, member, organization } from "./schema/index.ts";
import { DEMO_ORG_SLUG, seedDemo } from "./seed.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(() => t.drop());

const leadsOf = (organizationId: string) =>
  withTenant(t.db, asSystem(organizationId, "test"), ({ db }) => db.select().from(lead));

it("finishes a demo seed that was cut short, and then seeds nothing more", async () => {
  // What a seed stopped between the organization and its leads leaves behind.
  const [org] = await t.db
    .insert(organization)
    .values({
      name: "Demo Guild",
      slug: DEMO_ORG_SLUG,
      metadata: JSON.stringify({ seed: "demo", leads: "pending" }),
    })
    .returning();
  if (!org) throw new Error("no organization");
  await withTenant(t.db, asSystem(org.id, "test"), ({ db }) =>
    db.insert(lead).values({ organizationId: org.id, name: "Half-seeded" }),
  );

  expect(await seedDemo(t.db)).toBe(true);
  const leads = await leadsOf(org.id);
  expect(leads).toHaveLength(50);
  expect(leads.map((l) => l.name)).not.toContain("Half-seeded");
  expect(await t.db.select().from(member).where(eq(member.organizationId, org.id))).toHaveLength(3);

  // Done: the next boot changes nothing, even after people deleted demo leads.
  await withTenant(t.db, asSystem(org.id, "test"), ({ db }) => db.delete(lead));
  expect(await seedDemo(t.db)).toBe(false);
  expect(await leadsOf(org.id)).toHaveLength(0);
});
