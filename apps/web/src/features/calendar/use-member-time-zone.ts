import { useQuery } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { deviceTimeZone, isTimeZone, type Weekday } from "./zoned-time.ts";

const isoWeekdays: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * The zone the member reads events in: their profile's time zone when they set one (the zone
 * reminders also use), else their device's. The organization's zone is where its events are
 * planned, not where each member lives, so it is not the default. Until the profile arrives the
 * device's zone is used (`settled` false), which is the answer for most members anyway.
 */
export function useMemberTimeZone(): {
  timeZone: string;
  fromProfile: boolean;
  settled: boolean;
  weekStartsOn: Weekday;
  /** Where the member sets their zone: their own profile page. */
  username: string | null;
} {
  const trpc = useOrgTRPC();
  const organization = useCurrentOrganization();
  const profile = useQuery({ ...trpc.profile.mine.queryOptions(), staleTime: 60_000 });
  const chosen = profile.data?.timeZone;
  const fromProfile = typeof chosen === "string" && isTimeZone(chosen);
  const weekStartsOn = organization.weekStartsOn;
  return {
    timeZone: fromProfile ? chosen : deviceTimeZone(),
    fromProfile,
    settled: !profile.isPending,
    username: profile.data?.username ?? null,
    weekStartsOn: isoWeekdays.find((day) => day === weekStartsOn) ?? 1,
  };
}
