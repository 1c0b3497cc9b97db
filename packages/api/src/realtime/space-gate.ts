// Which streams may hear of an event about something that lives in a space (a chat message, the
// space's typing indicator): decided once for every stream of an organization in this process,
// not in a transaction per stream. A chat message in a space of 200 open streams used to cost 200
// short transactions (each stream asking visibleTargets in its own); now the streams that read the
// same batch ask together, and one system transaction answers them all with the ONE visibility
// rule (guild_members_seeing_space → guild_visible_space_ids, as row-level security uses it). The
// answer is read at the moment of the event, never cached across events: a member removed from a
// private space, a space made private, a tier that lapsed or a role that changed count for the
// very next event, with nothing to invalidate.
import { asSystem, type Database, sql, type TenantScope, withTenant } from "@guild/db";
import type { EventDomain } from "./define.ts";

export interface SpaceGate {
  /**
   * Of these targets, those whose space the member sees now. Asks made in the same turn of the
   * event loop for one organization (every stream that read the same batch) share one
   * transaction and one statement.
   */
  visibleTargets(
    organizationId: string,
    memberId: string,
    domain: EventDomain,
    targetIds: readonly string[],
  ): Promise<ReadonlySet<string>>;
}

interface Ask {
  memberId: string;
  domain: EventDomain;
  targetIds: readonly string[];
  resolve(visible: ReadonlySet<string>): void;
  reject(error: unknown): void;
}

const uuidArray = (ids: Iterable<string>) => `{${[...ids].join(",")}}`;

/** For each space, the members (of those asked, still in the organization) who see it. */
async function membersSeeing(scope: TenantScope, spaceIds: Set<string>, memberIds: Set<string>) {
  // A member removed since their stream last checked is dropped here (their stream ends at its
  // next check): without a member row, public spaces would still count as seen.
  const rows = await scope.db.execute<{ space_id: string; seeing: string[] | null }>(sql`
    with present as (
      select coalesce(array_agg(m.id), '{}'::uuid[]) as ids from member m
      where m.organization_id = ${scope.organizationId}
        and m.id = any(${uuidArray(memberIds)}::uuid[])
    )
    select s.id::text as space_id, guild_members_seeing_space(s.id, present.ids) as seeing
    from unnest(${uuidArray(spaceIds)}::uuid[]) as s(id), present`);
  return new Map(rows.map((row) => [row.space_id, new Set(row.seeing ?? [])]));
}

async function decide(db: Database, organizationId: string, asks: Ask[]) {
  const targetsOf = new Map<EventDomain, Set<string>>();
  const memberIds = new Set<string>();
  for (const ask of asks) {
    memberIds.add(ask.memberId);
    const ids = targetsOf.get(ask.domain) ?? new Set<string>();
    for (const id of ask.targetIds) ids.add(id);
    targetsOf.set(ask.domain, ids);
  }
  const { spaceOf, seeing } = await withTenant(
    db,
    asSystem(organizationId, "realtime visibility"),
    async (scope) => {
      const spaceOf = new Map<EventDomain, ReadonlyMap<string, string>>();
      for (const [domain, ids] of targetsOf)
        spaceOf.set(domain, (await domain.spacesOf?.(scope, [...ids])) ?? new Map());
      const spaceIds = new Set([...spaceOf.values()].flatMap((map) => [...map.values()]));
      const seeing =
        spaceIds.size === 0 ? new Map() : await membersSeeing(scope, spaceIds, memberIds);
      return { spaceOf, seeing };
    },
  );
  for (const ask of asks) {
    const spaces = spaceOf.get(ask.domain);
    ask.resolve(
      new Set(
        ask.targetIds.filter((id) => {
          const spaceId = spaces?.get(id);
          return spaceId !== undefined && seeing.get(spaceId)?.has(ask.memberId) === true;
        }),
      ),
    );
  }
}

export function createSpaceGate(db: Database): SpaceGate {
  const pending = new Map<string, Ask[]>();
  return {
    visibleTargets(organizationId, memberId, domain, targetIds) {
      return new Promise((resolve, reject) => {
        let asks = pending.get(organizationId);
        if (!asks) {
          const batch: Ask[] = [];
          asks = batch;
          pending.set(organizationId, batch);
          // After this turn's microtasks: every stream woken by the same read has asked by then.
          setImmediate(() => {
            pending.delete(organizationId);
            decide(db, organizationId, batch).catch((error: unknown) => {
              for (const ask of batch) ask.reject(error);
            });
          });
        }
        asks.push({ memberId, domain, targetIds, resolve, reject });
      });
    },
  };
}
