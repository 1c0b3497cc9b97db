-- guild_visible_space_ids (migration 0041) again, the same rule read with fewer lookups. Every
-- row-level security policy of a space-scoped table calls it once per statement (an InitPlan), so
-- a feed's statement calls it three to seven times: it read ~116 buffers a call at 20 spaces,
-- most of a feed page's cost (the community bench, bench/community.ts). Its inlined context
-- evaluated guild_sees_all_spaces() for every space of the organization, and looked up
-- space_member once per private or paid space. Now the context is computed once (MATERIALIZED):
-- staff or not, the active tier, and the member's space_member rows as two arrays (any access,
-- and 'added'), and each space is checked against them.
-- Unchanged rule: staff (moderator and up) and the system see every space, archived ones
-- included; another member sees the spaces that are not archived and are public; or private with
-- a space_member row of theirs; or any space with a space_member row an admin added ('added');
-- or paid and open to their active tier. No member: none.
CREATE OR REPLACE FUNCTION public.guild_visible_space_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH ctx AS MATERIALIZED (
    SELECT org, me, guild_sees_all_spaces() AS staff,
           CASE WHEN me IS NOT NULL THEN guild_active_tier_id(org, me) END AS tier,
           array(SELECT sm.space_id FROM space_member sm
                 WHERE sm.organization_id = org AND sm.member_id = me) AS joined,
           array(SELECT sm.space_id FROM space_member sm
                 WHERE sm.organization_id = org AND sm.member_id = me AND sm.access = 'added') AS added
    FROM (SELECT nullif(current_setting('app.organization_id', true), '')::uuid AS org,
                 nullif(current_setting('app.member_id', true), '')::uuid AS me) settings
  )
  SELECT coalesce(array_agg(s.id), '{}')
  FROM ctx JOIN space s ON s.organization_id = ctx.org
  WHERE ctx.staff
     OR (ctx.me IS NOT NULL AND s.archived_at IS NULL AND (
          s.visibility = 'public'
          OR (s.visibility = 'private' AND s.id = ANY (ctx.joined))
          OR s.id = ANY (ctx.added)
          OR (s.visibility = 'paid' AND ctx.tier IS NOT NULL AND EXISTS (
            SELECT 1 FROM space_tier st
            WHERE st.organization_id = s.organization_id AND st.space_id = s.id
              AND st.tier_id = ctx.tier))))
$$;
