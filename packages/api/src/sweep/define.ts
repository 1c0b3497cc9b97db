// The cross-tenant sweep's registry (sweep.test.ts): per domain, who may call each procedure and
// with what input aimed at the victim organization's rows, and how those rows are made. A
// procedure of the router without an entry fails the sweep until someone decides.
import type { MemberRole } from "@guild/db";
import type { createCaller } from "../index.ts";
import type { ApiFixture } from "../testing.ts";

export type Caller = Awaited<ReturnType<typeof createCaller>>;

/** Who may call a procedure. Organization-level entries name the minimum role. */
export type Access = "public" | "authed" | MemberRole;

/** The victim organization, as a domain's seed sees it. */
export interface Victim {
  fx: ApiFixture;
  organizationId: string;
  organizationName: string;
  /** The owner's caller, naming the victim organization. */
  owner: Caller;
  /** Member ids of the victim's members by role (member, moderator, admin). */
  memberIds: Record<"member" | "moderator" | "admin", string>;
}

export interface SweepProcedure<TSeed> {
  access: Access;
  /** The input that aims the call at the victim's rows (so any success would be a leak). */
  input: (seed: TSeed) => unknown;
  /**
   * This procedure acts on the caller's own organization whatever the input (e.g. leave): it is
   * skipped when a member of another organization calls it in their own.
   */
  ownOrganizationOnly?: boolean;
}

interface SweepDomainDefinition<TSeed> {
  /** Creates the victim's rows of this domain through its procedures, as a member would. */
  seed: (victim: Victim) => Promise<TSeed>;
  procedures: Record<string, SweepProcedure<TSeed>>;
}

/** A procedure ready to aim: its access and a thunk making its input. */
export interface PreparedProcedure {
  access: Access;
  input: () => unknown;
  ownOrganizationOnly: boolean;
}

export interface SweepDomain {
  /** Who may call each of the domain's procedures (known before any seed runs). */
  access: Record<string, Access>;
  /** Seeds the victim's rows and binds the inputs to them. */
  prepare(victim: Victim): Promise<Record<string, PreparedProcedure>>;
}

/** A domain's sweep entries, with its seed's type kept for its inputs. */
export function sweepDomain<TSeed>(definition: SweepDomainDefinition<TSeed>): SweepDomain {
  return {
    access: Object.fromEntries(
      Object.entries(definition.procedures).map(([path, p]) => [path, p.access]),
    ),
    async prepare(victim) {
      const seed = await definition.seed(victim);
      return Object.fromEntries(
        Object.entries(definition.procedures).map(([path, p]) => [
          path,
          {
            access: p.access,
            input: () => p.input(seed),
            ownOrganizationOnly: p.ownOrganizationOnly ?? false,
          },
        ]),
      );
    },
  };
}

export const noSeed = async () => ({});
