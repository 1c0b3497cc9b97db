import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "./client.ts";
import {
  type LeadSource,
  type LeadStatus,
  leadSources,
  leadStatuses,
  type MemberRole,
} from "./enums/index.ts";
import { account, lead, member, organization, user } from "./schema/index.ts";
import { asSystem, withTenant } from "./tenant.ts";

export const DEMO_ORG_SLUG = "demo";
export const DEMO_PASSWORD = "guild-demo-1234";
// Mia works the pipeline: a member an admin granted CRM access (the CRM is staff-only).
export const demoUsers: ReadonlyArray<{
  email: string;
  name: string;
  role: MemberRole;
  crmAccess?: boolean;
}> = [
  { email: "owner@demo.guild", name: "Olivia Owner", role: "owner" },
  { email: "admin@demo.guild", name: "Adam Admin", role: "admin" },
  { email: "member@demo.guild", name: "Mia Member", role: "member", crmAccess: true },
];

/** Name parts of the generated leads (seedDemo here, bulkSeed for tests and benchmarks). */
export const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Ken",
  "Barbara",
  "Dennis",
  "Frances",
  "Edsger",
];
export const lastNames = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Thompson",
  "Liskov",
  "Ritchie",
  "Allen",
  "Dijkstra",
];
export const companies = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Tyrell",
  "Soylent",
  "Wonka",
];

/** Deterministic demo leads: lead i of an organization always looks the same. */
export function demoLead(i: number, organizationId: string, ownerMemberIds: readonly string[]) {
  const first = firstNames[i % firstNames.length] ?? "Ada";
  const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length] ?? "Lovelace";
  const company = companies[(i * 7) % companies.length] ?? "Acme";
  const status: LeadStatus = leadStatuses[(i * 3) % leadStatuses.length] ?? "new";
  const source: LeadSource = leadSources[i % leadSources.length] ?? "other";
  return {
    organizationId,
    name: `${first} ${last}`,
    email: `${first}.${last}${i}@${company.toLowerCase()}.example`.toLowerCase(),
    company: `${company} ${i % 3 === 0 ? "Inc" : "Ltd"}`,
    phone: `+1 555 ${String(1000 + i).padStart(4, "0")}`,
    status,
    source,
    valueCents: (((i * 7919) % 500) + 1) * 10_000,
    notes: i % 4 === 0 ? "Met at the spring conference." : null,
    ownerMemberId: ownerMemberIds[i % ownerMemberIds.length] ?? null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
  };
}

/** organization.metadata of the demo while its leads are still to be added. */
const SEEDING = JSON.stringify({ seed: "demo", leads: "pending" });
const SEEDED = JSON.stringify({ seed: "demo" });

/**
 * Seeds the demo organization once: three users with known passwords (verified emails) and 50
 * leads. Returns false when it was already there. Resumable: every step is idempotent, and the
 * organization says in its metadata that its leads are pending until they and that mark commit
 * together, so a seed cut short (a crash, Ctrl-C) is finished by the next one instead of leaving
 * a demo without leads for good.
 */
export async function seedDemo(db: Database): Promise<boolean> {
  const existing = await db.query.organization.findFirst({
    where: eq(organization.slug, DEMO_ORG_SLUG),
  });
  if (existing && existing.metadata !== SEEDING) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { organizationId, memberIds } = await db.transaction(async (tx) => {
    await tx
      .insert(organization)
      .values({ name: "Demo Guild", slug: DEMO_ORG_SLUG, metadata: SEEDING })
      .onConflictDoNothing({ target: organization.slug });
    const [org] = await tx.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
    if (!org) throw new Error("demo organization was not created");
    const memberIds: string[] = [];
    for (const demo of demoUsers) {
      const [u] = await tx
        .insert(user)
        .values({ name: demo.name, email: demo.email, emailVerified: true })
        .onConflictDoUpdate({ target: user.email, set: { emailVerified: true } })
        .returning();
      if (!u) throw new Error(`demo user ${demo.email} was not created`);
      await tx
        .insert(account)
        .values({ accountId: u.id, providerId: "credential", userId: u.id, password: passwordHash })
        .onConflictDoNothing();
      await tx
        .insert(member)
        .values({
          organizationId: org.id,
          userId: u.id,
          role: demo.role,
          crmAccess: demo.crmAccess ?? false,
        })
        .onConflictDoNothing();
      const [m] = await tx
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, u.id)));
      if (m) memberIds.push(m.id);
    }
    return { organizationId: org.id, memberIds };
  });
  // Leads go through the tenant scope like any other tenant write, so RLS checks them too; the
  // organization's "done" mark commits with them.
  await withTenant(db, asSystem(organizationId, "seed"), async ({ db: tx }) => {
    await tx.delete(lead).where(eq(lead.organizationId, organizationId));
    await tx
      .insert(lead)
      .values(Array.from({ length: 50 }, (_, i) => demoLead(i, organizationId, memberIds)));
    await tx
      .update(organization)
      .set({ metadata: SEEDED })
      .where(eq(organization.id, organizationId));
  });
  return true;
}
