-- Every membership has a profile (schema/member-profile.ts), made with it: a trigger on member, so
-- every way a membership is made (creating an organization, accepting an invitation, a join link,
-- seeds) gets one in the same transaction, with a username suggested from the person's name. The
-- member changes it on their profile afterwards.

-- The usernames nobody may take: enums/member-profile.ts RESERVED_USERNAMES (a test compares).
CREATE OR REPLACE FUNCTION public.guild_reserved_username(p_username text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT p_username = ANY (ARRAY[
    'admin', 'administrator', 'all', 'anonymous', 'api', 'channel', 'everyone', 'guild', 'help',
    'here', 'me', 'mod', 'moderator', 'moderators', 'null', 'owner', 'root', 'security',
    'settings', 'staff', 'support', 'system', 'undefined', 'you'
  ])
$$;
--> statement-breakpoint
-- A name's username stem: lowercase, accents dropped (before lower(), which leaves non-ASCII
-- letters alone in a C-locale database) where the letter has a plain form, runs of
-- anything else one underscore, at most 26 characters (room for a _<n> suffix). May be short or
-- empty: guild_suggest_username handles that.
CREATE OR REPLACE FUNCTION public.guild_username_stem(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(btrim(regexp_replace(
    lower(translate(coalesce(p_name, ''),
      'àáâãäåāăąçćčďèéêëēęěìíîïīłñńňòóôõöøōőùúûüūůűýÿžźżśšşßğÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĘĚÌÍÎÏĪŁÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰÝŸŽŹŻŚŠŞ',
      'aaaaaaaaacccdeeeeeeeiiiiilnnnoooooooouuuuuuuyyzzzssssgaaaaaaaaacccdeeeeeeeiiiiilnnnoooooooouuuuuuuyyzzzsss')),
    '[^a-z0-9]+', '_', 'g'), '_'), 26)
$$;
--> statement-breakpoint
-- A free username in the organization for someone called p_name (then p_fallback, e.g. the
-- email's local part, when the name has no usable letters): the stem itself, or stem_2, stem_3…
-- Reads the organization's usernames, so it runs where RLS lets it see them (the trigger below).
CREATE OR REPLACE FUNCTION public.guild_suggest_username(p_organization_id uuid, p_name text, p_fallback text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_stem text := guild_username_stem(p_name);
  v_candidate text;
  n integer := 1;
BEGIN
  IF length(v_stem) < 3 THEN
    v_stem := coalesce(nullif(guild_username_stem(p_fallback), ''), v_stem);
  END IF;
  IF v_stem = '' THEN
    v_stem := 'member';
  END IF;
  v_candidate := v_stem;
  LOOP
    IF v_candidate ~ '^[a-z0-9_]{3,30}$' AND NOT guild_reserved_username(v_candidate)
       AND NOT EXISTS (SELECT 1 FROM member_profile
                       WHERE organization_id = p_organization_id AND username = v_candidate) THEN
      RETURN v_candidate;
    END IF;
    n := n + 1;
    v_candidate := v_stem || '_' || n;
  END LOOP;
END
$$;
--> statement-breakpoint
-- The profile of one membership, with a suggested username. Two people with one name joining at
-- once: the loser of the unique index tries again, and sees the winner's username.
CREATE OR REPLACE FUNCTION public.guild_create_member_profile(p_organization_id uuid, p_member_id uuid, p_user_id uuid)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  u record;
BEGIN
  SELECT name, email INTO u FROM "user" WHERE id = p_user_id;
  FOR attempt IN 1..5 LOOP
    BEGIN
      INSERT INTO member_profile (organization_id, member_id, username, display_name)
      VALUES (p_organization_id, p_member_id,
              guild_suggest_username(p_organization_id, u.name, split_part(u.email, '@', 1)),
              left(coalesce(nullif(btrim(u.name), ''), split_part(u.email, '@', 1), 'Member'), 80))
      ON CONFLICT (organization_id, member_id) DO NOTHING;
      RETURN;
    EXCEPTION WHEN unique_violation THEN
      IF attempt = 5 THEN
        RAISE;
      END IF;
    END;
  END LOOP;
END
$$;
--> statement-breakpoint
-- SECURITY DEFINER because the member insert may run outside a tenant transaction (the app's own
-- role, better-auth); app.organization_id is set to the new member's organization for the
-- function alone (the SET clause restores it on exit), so RLS on member_profile passes and the
-- suggestion sees that organization's usernames.
CREATE OR REPLACE FUNCTION public.guild_member_profile_create() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
SET app.organization_id = ''
AS $$
BEGIN
  PERFORM set_config('app.organization_id', NEW.organization_id::text, true);
  PERFORM guild_create_member_profile(NEW.organization_id, NEW.id, NEW.user_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER member_profile_create AFTER INSERT ON member
  FOR EACH ROW EXECUTE FUNCTION public.guild_member_profile_create();
--> statement-breakpoint
-- The members already there, organization by organization, oldest first (the first Ada keeps
-- @ada).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT organization_id, id, user_id FROM member ORDER BY organization_id, created_at, id
  LOOP
    PERFORM set_config('app.organization_id', r.organization_id::text, true);
    PERFORM guild_create_member_profile(r.organization_id, r.id, r.user_id);
  END LOOP;
  PERFORM set_config('app.organization_id', '', true);
END
$$;
