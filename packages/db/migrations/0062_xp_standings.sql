-- The XP standings (schema/xp.ts) kept by PostgreSQL from the ledger, in the transaction that
-- writes the ledger, whoever writes it: a service's award, a seed's bulk insert, a concurrent
-- trigger. Sums are added with ON CONFLICT DO UPDATE, so concurrent awards to one member queue on
-- the standing's row and none is lost.

-- The first day of the period a local day falls in. weekly: back to the organization's
-- week_starts_on (ISO day number: 1 Monday … 7 Sunday). all_time has one period.
CREATE OR REPLACE FUNCTION public.guild_xp_period_start(p_period text, p_day date, p_week_starts_on integer)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_period
    WHEN 'daily' THEN p_day
    WHEN 'weekly' THEN p_day - ((extract(isodow FROM p_day)::integer - p_week_starts_on + 7) % 7)
    WHEN 'monthly' THEN date_trunc('month', p_day)::date
    ELSE date '1970-01-01'
  END
$$;
--> statement-breakpoint
-- Once per INSERT statement on xp_event, over the rows it really inserted (ON CONFLICT DO NOTHING
-- skips a repeated award, and the transition table holds only the new rows): one grouped upsert
-- per statement, so a bulk insert of a million events costs one pass, not a million.
CREATE OR REPLACE FUNCTION public.guild_xp_standing_add()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO xp_standing AS s (organization_id, period, period_start, member_id, xp, lessons)
  SELECT e.organization_id, p.period,
         guild_xp_period_start(p.period, (e.occurred_at AT TIME ZONE o.time_zone)::date,
                               o.week_starts_on),
         e.member_id, sum(e.amount), count(*) FILTER (WHERE e.kind = 'lesson')
  FROM xp_event_inserted e
  JOIN organization o ON o.id = e.organization_id
  CROSS JOIN unnest(ARRAY['daily', 'weekly', 'monthly', 'all_time']) AS p(period)
  GROUP BY 1, 2, 3, 4
  -- One order for every writer: two transactions awarding the same members lock their standings
  -- in the same order, so they queue instead of deadlocking.
  ORDER BY 1, 4, 2, 3
  ON CONFLICT (organization_id, period, period_start, member_id)
  DO UPDATE SET xp = s.xp + excluded.xp, lessons = s.lessons + excluded.lessons;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER xp_event_standing_add
  AFTER INSERT ON xp_event
  REFERENCING NEW TABLE AS xp_event_inserted
  FOR EACH STATEMENT EXECUTE FUNCTION guild_xp_standing_add();
--> statement-breakpoint
-- The ledger is append-only: a correction is a new event with a negative amount. An UPDATE would
-- leave the standings off, so it is refused. (Deletes come only by cascade, with the member or
-- the organization, and their standings go by the same cascade.)
CREATE OR REPLACE FUNCTION public.guild_xp_event_append_only()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'xp_event is append-only: record a correction as a new event';
END
$$;
--> statement-breakpoint
CREATE TRIGGER xp_event_append_only
  BEFORE UPDATE ON xp_event
  FOR EACH STATEMENT EXECUTE FUNCTION guild_xp_event_append_only();
--> statement-breakpoint
-- The day, week and month standings of an organization, recomputed from its ledger: its periods
-- moved (another time zone, another first day of the week). all_time does not depend on either.
CREATE OR REPLACE FUNCTION public.guild_xp_rebuild_period_standings(p_org uuid)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM xp_standing WHERE organization_id = p_org AND period <> 'all_time';
  INSERT INTO xp_standing (organization_id, period, period_start, member_id, xp, lessons)
  SELECT e.organization_id, p.period,
         guild_xp_period_start(p.period, (e.occurred_at AT TIME ZONE o.time_zone)::date,
                               o.week_starts_on),
         e.member_id, sum(e.amount), count(*) FILTER (WHERE e.kind = 'lesson')
  FROM xp_event e
  JOIN organization o ON o.id = e.organization_id
  CROSS JOIN unnest(ARRAY['daily', 'weekly', 'monthly']) AS p(period)
  WHERE e.organization_id = p_org
  GROUP BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.guild_xp_organization_periods_moved()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM guild_xp_rebuild_period_standings(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organization_xp_periods_moved
  AFTER UPDATE OF time_zone, week_starts_on ON organization
  FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone
        OR OLD.week_starts_on IS DISTINCT FROM NEW.week_starts_on)
  EXECUTE FUNCTION guild_xp_organization_periods_moved();
