-- What each tier opens, for members choosing a tier (the tiers screen): the names and icons of
-- the organization's live paid spaces, by the tiers that open them, and nothing else of them (no
-- id, description or content). A paid space stays out of a member's lists until they hold one
-- of its tiers (guild_visible_space_ids, migration 0041), so this reads past space_visibility:
-- SECURITY DEFINER, filtered by the transaction's app.organization_id itself (nothing outside
-- a tenant transaction).
CREATE OR REPLACE FUNCTION public.guild_tier_openings()
RETURNS TABLE (tier_id uuid, space_name text, space_icon text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT st.tier_id, s.name, s.icon
  FROM space s
  JOIN space_tier st ON st.organization_id = s.organization_id AND st.space_id = s.id
  WHERE s.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
    AND s.visibility = 'paid' AND s.archived_at IS NULL
  ORDER BY s.position, s.name, s.id
$$;
