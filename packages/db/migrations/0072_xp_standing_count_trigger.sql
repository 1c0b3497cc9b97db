-- xp_standing_count (schema/xp.ts): members per board and XP value, kept with xp_standing so a
-- viewer's rank and a board's size read the board's distinct XP values, not its members.
--
-- The award trigger (0062) now moves the counts in the same statement as the standings: its
-- upsert returns each standing after the award, and events tells one it created (events = the
-- statement's own) from one it moved (its XP before = xp − the statement's amount). The counts
-- change under row locks taken in one order (board, XP), after the standings' locks (0062's
-- order), so concurrent awards queue instead of losing a count or deadlocking. (Two transactions
-- that each award XP in several statements can still meet in opposite orders; PostgreSQL then
-- cancels one, which the API answers as CONFLICT, "please retry", never a wrong count.)
-- The counts a statement brought to zero (found by xp_standing_count_zero_idx): a board keeps only
-- the XP values someone stands at.
CREATE OR REPLACE FUNCTION public.guild_xp_drop_zero_counts(p_orgs uuid[])
RETURNS void
LANGUAGE sql AS $$
  DELETE FROM xp_standing_count WHERE members = 0 AND organization_id = ANY (p_orgs)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.guild_xp_standing_add()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH added AS (
    SELECT e.organization_id, p.period,
           guild_xp_period_start(p.period, (e.occurred_at AT TIME ZONE o.time_zone)::date,
                                 o.week_starts_on) AS period_start,
           e.member_id, sum(e.amount)::integer AS xp,
           (count(*) FILTER (WHERE e.kind = 'lesson'))::integer AS lessons,
           count(*)::integer AS events
    FROM xp_event_inserted e
    JOIN organization o ON o.id = e.organization_id
    CROSS JOIN unnest(ARRAY['daily', 'weekly', 'monthly', 'all_time']) AS p(period)
    GROUP BY 1, 2, 3, 4
  ), moved AS (
    INSERT INTO xp_standing AS s
      (organization_id, period, period_start, member_id, xp, lessons, events)
    SELECT organization_id, period, period_start, member_id, xp, lessons, events FROM added
    -- One order for every writer: two transactions awarding the same members lock their
    -- standings in the same order, so they queue instead of deadlocking.
    ORDER BY organization_id, member_id, period, period_start
    ON CONFLICT (organization_id, period, period_start, member_id)
    DO UPDATE SET xp = s.xp + excluded.xp, lessons = s.lessons + excluded.lessons,
                  events = s.events + excluded.events
    RETURNING s.organization_id, s.period, s.period_start, s.member_id, s.xp, s.events
  ), counted AS (
    -- +1 where each standing is now, −1 where a standing that existed was.
    SELECT m.organization_id, m.period, m.period_start, m.xp, 1 AS members FROM moved m
    UNION ALL
    SELECT m.organization_id, m.period, m.period_start, m.xp - a.xp, -1
    FROM moved m JOIN added a USING (organization_id, period, period_start, member_id)
    WHERE m.events > a.events
  )
  INSERT INTO xp_standing_count AS c (organization_id, period, period_start, xp, members)
  SELECT organization_id, period, period_start, xp, sum(members)::integer FROM counted
  GROUP BY 1, 2, 3, 4
  HAVING sum(members) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (organization_id, period, period_start, xp)
  DO UPDATE SET members = c.members + excluded.members;

  PERFORM guild_xp_drop_zero_counts(ARRAY(SELECT DISTINCT organization_id FROM xp_event_inserted));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A standing deleted (its member left, the periods are rebuilt, a test or an operator deletes it)
-- leaves its count. Only existing counts are lowered, never inserted: when the organization is
-- deleted its counts may already be gone by their own cascade.
CREATE OR REPLACE FUNCTION public.guild_xp_standing_removed()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT organization_id, period, period_start, xp, count(*)::integer AS members
    FROM xp_standing_removed
    GROUP BY 1, 2, 3, 4
  ), locked AS (
    SELECT c.organization_id, c.period, c.period_start, c.xp, g.members
    FROM xp_standing_count c JOIN gone g USING (organization_id, period, period_start, xp)
    ORDER BY 1, 2, 3, 4
    FOR UPDATE OF c
  )
  UPDATE xp_standing_count c SET members = c.members - l.members
  FROM locked l
  WHERE c.organization_id = l.organization_id AND c.period = l.period
    AND c.period_start = l.period_start AND c.xp = l.xp;

  PERFORM guild_xp_drop_zero_counts(ARRAY(SELECT DISTINCT organization_id FROM xp_standing_removed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER xp_standing_count_removed
  AFTER DELETE ON xp_standing
  REFERENCING OLD TABLE AS xp_standing_removed
  FOR EACH STATEMENT EXECUTE FUNCTION guild_xp_standing_removed();
--> statement-breakpoint
-- An organization's counts recomputed from its standings: the backfill below, a rebuild of its
-- periods, and tools that write standings in bulk without the triggers (plan tests, benches).
CREATE OR REPLACE FUNCTION public.guild_xp_recount_standings(p_org uuid)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM xp_standing_count WHERE organization_id = p_org;
  INSERT INTO xp_standing_count (organization_id, period, period_start, xp, members)
  SELECT organization_id, period, period_start, xp, count(*)
  FROM xp_standing WHERE organization_id = p_org
  GROUP BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
-- 0062's rebuild, now with each standing's events, and the counts recomputed after it.
CREATE OR REPLACE FUNCTION public.guild_xp_rebuild_period_standings(p_org uuid)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM xp_standing WHERE organization_id = p_org AND period <> 'all_time';
  INSERT INTO xp_standing (organization_id, period, period_start, member_id, xp, lessons, events)
  SELECT e.organization_id, p.period,
         guild_xp_period_start(p.period, (e.occurred_at AT TIME ZONE o.time_zone)::date,
                               o.week_starts_on),
         e.member_id, sum(e.amount), count(*) FILTER (WHERE e.kind = 'lesson'), count(*)
  FROM xp_event e
  JOIN organization o ON o.id = e.organization_id
  CROSS JOIN unnest(ARRAY['daily', 'weekly', 'monthly']) AS p(period)
  WHERE e.organization_id = p_org
  GROUP BY 1, 2, 3, 4;
  PERFORM guild_xp_recount_standings(p_org);
END
$$;
--> statement-breakpoint
-- Existing standings: their events from the ledger, then every organization's counts.
UPDATE xp_standing s SET events = l.events
FROM (
  SELECT e.organization_id, p.period,
         guild_xp_period_start(p.period, (e.occurred_at AT TIME ZONE o.time_zone)::date,
                               o.week_starts_on) AS period_start,
         e.member_id, count(*)::integer AS events
  FROM xp_event e
  JOIN organization o ON o.id = e.organization_id
  CROSS JOIN unnest(ARRAY['daily', 'weekly', 'monthly', 'all_time']) AS p(period)
  GROUP BY 1, 2, 3, 4
) l
WHERE s.organization_id = l.organization_id AND s.period = l.period
  AND s.period_start = l.period_start AND s.member_id = l.member_id;
--> statement-breakpoint
SELECT guild_xp_recount_standings(o.id) FROM organization o
WHERE EXISTS (SELECT 1 FROM xp_standing s WHERE s.organization_id = o.id);
