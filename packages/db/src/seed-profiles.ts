// The demo organization's member profiles (issue 11): usernames, headlines and markdown bios
// (with mentions), so the directory and profile pages show a community. Only profiles the demo
// never wrote (no headline yet: as the membership trigger or the backfill made them) are set, so
// running it again, or on a demo whose members edited theirs, changes nothing.
import { and, eq } from "drizzle-orm";
import { memberProfile } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

/** In the order of seed.ts's demoUsers (owner, admin, member). */
export const demoProfiles = [
  {
    username: "olivia",
    headline: "Founder of Demo Guild",
    bio: "I started **Demo Guild** so makers could learn from each other.\n\n- Ask me about pricing and community building\n- Office hours every Friday\n\nSay hi to @adam, who keeps things running.",
    timeZone: "Europe/London",
    language: "en" as const,
  },
  {
    username: "adam",
    headline: "Community admin · events and onboarding",
    bio: "New here? Read the [welcome guide](https://example.com/welcome) and ping me with questions.\n\n> Be kind, be curious.",
    timeZone: "America/New_York",
    language: "en" as const,
  },
  {
    username: "mia",
    headline: "Sales and partnerships",
    bio: "I look after our partners. Working with @olivia on the spring launch.",
    timeZone: "Europe/Berlin",
    language: "de" as const,
  },
];

/** Sets the demo members' profiles where still blank; whether it set any. */
export async function seedDemoProfiles(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  let changed = false;
  for (const [i, profile] of demoProfiles.entries()) {
    const memberId = memberIds[i];
    if (!memberId) continue;
    const rows = await scope.db
      .update(memberProfile)
      .set(profile)
      .where(
        and(
          eq(memberProfile.organizationId, scope.organizationId),
          eq(memberProfile.memberId, memberId),
          eq(memberProfile.headline, ""),
        ),
      )
      .returning({ id: memberProfile.id });
    if (rows.length > 0) changed = true;
  }
  return changed;
}
