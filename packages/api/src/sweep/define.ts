// The sweep's registry (sweep.test.ts): per domain, who may call each procedure, with what input
// aimed at the victim organization's rows, and which in-organization rights it needs beyond its
// role; and how those rows are made. A procedure of the router without an entry fails the sweep
// until someone decides.
import type { MemberRole } from "@guild/db";
import type { AppErrorReason } from "../errors.ts";
import type { createCaller } from "../index.ts";
import type { ApiFixture } from "../testing.ts";

export type Caller = Awaited<ReturnType<typeof createCaller>>;

/**
 * Who may call a procedure. Organization-level entries name the minimum role; "platformAdmin" is
 * the platform admin console's rung (no organization role reaches it: NOT_FOUND to all others).
 */
export type Access = "public" | "authed" | "platformAdmin" | MemberRole;

/**
 * The victim organization's own people, for the in-organization checks: one of each role, a
 * second admin (only owners manage admins), and a member an admin granted CRM access
 * ("member" has none).
 */
export const insiders = [
  "owner",
  "admin",
  "peerAdmin",
  "moderator",
  "crmMember",
  "member",
] as const;
export type Insider = (typeof insiders)[number];

/** The victim organization, as a domain's seed sees it. */
export interface Victim {
  fx: ApiFixture;
  organizationId: string;
  organizationName: string;
  /** The owner's caller, naming the victim organization. */
  owner: Caller;
  /** The member ids of the victim's insiders. */
  memberIds: Record<Insider, string>;
}

/**
 * How a procedure refuses an insider who lacks a right, which the sweep holds it to:
 * - capability: a right that does not depend on the row (CRM access, inviting to a role):
 *   FORBIDDEN, decided before any row is read, so the answer (code, message, reason) is the
 *   same for an id that does not exist;
 * - hidden: a right on a row the insider cannot see (a private space, someone's invitation):
 *   exactly the answer for an id that does not exist (NOT_FOUND);
 * - visible: a right on a row the insider sees anyway (rank rules on the members and
 *   invitations listed to admins): FORBIDDEN, saying why; the sweep checks that `through`
 *   (a query the insider may call) shows them the row, so existence is no secret.
 */
export type Refusal<TSeed> =
  | { kind: "capability"; reason?: AppErrorReason }
  | { kind: "hidden" }
  | {
      kind: "visible";
      /** `inputOf`: an input naming the seed's rows (a lead's timeline), instead of `input`. */
      through: { path: string; input?: unknown; inputOf?: (seed: TSeed) => unknown };
      /** Whether the answer of `through` contains the row `input` names. */
      shows: (answer: unknown, seed: TSeed) => boolean;
    };

/** A right inside the organization that a procedure needs beyond its minimum role. */
export interface InOrgRight<TSeed> {
  /** The right in words, for the test's messages: "CRM access", "outranks the target". */
  right: string;
  /** Insiders who lack it: each is refused this way (a right is checked before the role). */
  lacking: Insider[];
  /**
   * An insider who has it: their same call is not refused this way (so the refusal is the
   * right's, not the procedure's for everyone). Runs last, and may change the victim's rows.
   */
  holder?: Insider;
  /** The input aimed at what the insiders lack the right to (default: the procedure's input). */
  input?: (seed: TSeed) => unknown;
  /** That call aimed at ids that exist nowhere (default: the procedure's `missing`). */
  missing?: (seed: TSeed) => unknown;
  refusal: Refusal<TSeed>;
}

export interface SweepProcedure<TSeed> {
  access: Access;
  /** The input that aims the call at the victim's rows (so any success would be a leak). */
  input: (seed: TSeed) => unknown;
  /**
   * The same call aimed at ids that exist nowhere: a refusal that gives nothing away answers it
   * as it answers the real ones. Default: `input` (for calls that name no row).
   */
  missing?: (seed: TSeed) => unknown;
  /** In-organization rights needed beyond `access`, each refused as it declares. */
  requires?: InOrgRight<TSeed>[];
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

/** An in-organization right with its inputs bound to the seed. */
export interface PreparedRight {
  right: string;
  lacking: Insider[];
  holder: Insider | undefined;
  input: () => unknown;
  missing: () => unknown;
  refusal:
    | { kind: "capability"; reason?: AppErrorReason }
    | { kind: "hidden" }
    | {
        kind: "visible";
        through: { path: string; input?: unknown };
        shows: (answer: unknown) => boolean;
      };
}

/** A procedure ready to aim: its access and thunks making its inputs. */
export interface PreparedProcedure {
  access: Access;
  input: () => unknown;
  missing: () => unknown;
  requires: PreparedRight[];
  ownOrganizationOnly: boolean;
}

export interface SweepDomain {
  /** Who may call each of the domain's procedures (known before any seed runs). */
  access: Record<string, Access>;
  /** Seeds the victim's rows and binds the inputs to them. */
  prepare(victim: Victim): Promise<Record<string, PreparedProcedure>>;
}

function prepareRight<TSeed>(
  right: InOrgRight<TSeed>,
  seed: TSeed,
  procedure: { input: () => unknown; missing: () => unknown },
): PreparedRight {
  const { refusal } = right;
  return {
    right: right.right,
    lacking: right.lacking,
    holder: right.holder,
    input: right.input ? () => right.input?.(seed) : procedure.input,
    missing: right.missing ? () => right.missing?.(seed) : procedure.missing,
    refusal:
      refusal.kind === "visible"
        ? {
            kind: "visible",
            through: {
              path: refusal.through.path,
              input: refusal.through.inputOf
                ? refusal.through.inputOf(seed)
                : refusal.through.input,
            },
            shows: (answer: unknown) => refusal.shows(answer, seed),
          }
        : refusal,
  };
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
        Object.entries(definition.procedures).map(([path, p]) => {
          const input = () => p.input(seed);
          const missing = p.missing ? () => p.missing?.(seed) : input;
          const prepared: PreparedProcedure = {
            access: p.access,
            input,
            missing,
            requires: (p.requires ?? []).map((right) =>
              prepareRight(right, seed, { input, missing }),
            ),
            ownOrganizationOnly: p.ownOrganizationOnly ?? false,
          };
          return [path, prepared];
        }),
      );
    },
  };
}

export const noSeed = async () => ({});

/** An id no row has anywhere, for `missing` inputs. */
export const missingId = "00000000-0000-4000-8000-000000000000";

/** Whether a list's answer (an array, or a page with `items`) has a row with this id. */
export function listHas(answer: unknown, id: string): boolean {
  const rows = answer && typeof answer === "object" && "items" in answer ? answer.items : answer;
  return (
    Array.isArray(rows) &&
    rows.some((row: unknown) => row && typeof row === "object" && "id" in row && row.id === id)
  );
}
