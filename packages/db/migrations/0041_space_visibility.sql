-- Who sees a space: ONE rule, in SQL, that every space-scoped table's row-level security uses
-- (schema/space.ts: space itself by id; space_member, space_tier, and later posts, comments,
-- messages and events by space_id). Read with the tenant transaction's settings:
--   app.actor = 'system' (jobs, webhooks, seeds), or a member whose role is moderator or up: every
--     space of the organization, archived ones included;
--   another member (app.member_id): the spaces that are not archived and are
--     public; or private with a space_member row (admins add people); or paid with a space_member
--     row an admin added ('added'), or whose tiers include the member's active tier;
--   anyone else (a visitor, no member): none. The front door decides for itself what to show.
-- A space the member cannot see does not exist for them: a query that forgets its `where`
-- still cannot return its rows, and the server answers NOT_FOUND.

-- The tier that opens a member's paid content now: services/member-tier.ts activeTierOf's rule on
-- the database's clock (active or trialing; past_due within TIER_PAST_DUE_GRACE_DAYS = 7 of the
-- failed renewal; never a subscription set to end whose period is over). Keep the two equal.
CREATE OR REPLACE FUNCTION public.guild_active_tier_id(p_org uuid, p_member uuid) RETURNS uuid
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT s.tier_id FROM member_tier_state s
  WHERE s.organization_id = p_org AND s.member_id = p_member
    AND (s.status IN ('active', 'trialing')
         OR (s.status = 'past_due'
             AND now() < coalesce(s.past_due_since, now()) + interval '7 days'))
    AND NOT (s.cancel_at_period_end AND s.current_period_end IS NOT NULL
             AND s.current_period_end <= now())
$$;
--> statement-breakpoint
-- Whether the transaction's actor sees every space (and may write spaces): the system actor, or
-- a member whose role is moderator, admin or owner.
CREATE OR REPLACE FUNCTION public.guild_sees_all_spaces() RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(current_setting('app.actor', true), '') = 'system'
    OR EXISTS (
      SELECT 1 FROM member m
      WHERE m.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
        AND m.id = nullif(current_setting('app.member_id', true), '')::uuid
        AND m.role IN ('owner', 'admin', 'moderator'))
$$;
--> statement-breakpoint
-- The ids of the spaces the transaction's actor sees (the rule above), as one array. Policies
-- call it as `(SELECT guild_visible_space_ids())`, which PostgreSQL runs once per statement (an
-- InitPlan), and compare with `= ANY`, which an index on (organization_id, space_id, ...) can
-- use. SECURITY DEFINER so its own reads of space, space_member and space_tier skip their
-- space_visibility policies (which call it: no recursion); it filters by app.organization_id
-- itself.
CREATE OR REPLACE FUNCTION public.guild_visible_space_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH ctx AS (
    SELECT org, me, guild_sees_all_spaces() AS staff, guild_active_tier_id(org, me) AS tier
    FROM (SELECT nullif(current_setting('app.organization_id', true), '')::uuid AS org,
                 nullif(current_setting('app.member_id', true), '')::uuid AS me) settings
  )
  SELECT coalesce(array_agg(s.id), '{}')
  FROM ctx JOIN space s ON s.organization_id = ctx.org
  WHERE ctx.staff
     OR (ctx.me IS NOT NULL AND s.archived_at IS NULL AND (
          s.visibility = 'public'
          OR EXISTS (
            SELECT 1 FROM space_member sm
            WHERE sm.organization_id = s.organization_id AND sm.space_id = s.id
              AND sm.member_id = ctx.me
              AND (s.visibility = 'private' OR sm.access = 'added'))
          OR (s.visibility = 'paid' AND ctx.tier IS NOT NULL AND EXISTS (
            SELECT 1 FROM space_tier st
            WHERE st.organization_id = s.organization_id AND st.space_id = s.id
              AND st.tier_id = ctx.tier))))
$$;
--> statement-breakpoint
-- Whether the actor sees one space (the rule above): for services and policies that hold a
-- single space id.
CREATE OR REPLACE FUNCTION public.guild_can_see_space(p_space uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT p_space = ANY (guild_visible_space_ids())
$$;
--> statement-breakpoint
-- Gives every space-scoped table (name → its space id column, from the schema's registry:
-- helpers.ts spaceScopedTables) the RESTRICTIVE policy space_visibility for guild_tenant, AND-ed
-- with its category's organization policy: rows of spaces the actor cannot see are invisible,
-- and cannot be written. The space table itself is written only by those who see all spaces
-- (moderators and up, the system). migrate() calls it after guild_secure_tables; like it, it
-- changes the catalog only where the tagged policy is missing or different.
CREATE OR REPLACE FUNCTION public.guild_secure_space_tables(tables jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  using_expr text;
  check_expr text;
  tag text;
  secured integer := 0;
BEGIN
  FOR t IN SELECT key AS tbl, value AS col FROM jsonb_each_text(tables) ORDER BY key LOOP
    -- Those who see every space pass at once (the space table's INSERT ... RETURNING also
    -- needs it: a new space's id is not among the ids the statement's snapshot holds).
    using_expr := format(
      '((SELECT guild_sees_all_spaces()) OR (%I = ANY ((SELECT guild_visible_space_ids())::uuid[])))',
      t.col);
    check_expr := CASE WHEN t.col = 'id' THEN '((SELECT guild_sees_all_spaces()))' ELSE using_expr END;
    tag := 'guild:space-visibility:v1:' || t.col;
    IF NOT EXISTS (
      SELECT 1 FROM pg_policy p
      JOIN pg_class c ON c.oid = p.polrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = t.tbl AND p.polname = 'space_visibility'
        AND obj_description(p.oid, 'pg_policy') = tag
    ) THEN
      EXECUTE format('DROP POLICY IF EXISTS space_visibility ON public.%I', t.tbl);
      EXECUTE format(
        'CREATE POLICY space_visibility ON public.%I AS RESTRICTIVE TO guild_tenant USING %s WITH CHECK %s',
        t.tbl, using_expr, check_expr);
      EXECUTE format('COMMENT ON POLICY space_visibility ON public.%I IS %L', t.tbl, tag);
    END IF;
    secured := secured + 1;
  END LOOP;
  RETURN secured;
END
$$;
