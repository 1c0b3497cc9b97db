-- Which of some members see a space, by the ONE visibility rule (guild_visible_space_ids,
-- migration 0041), asked for members other than the transaction's own: whom a comment may notify
-- (a reply's or a mention's recipient who cannot see the space must not learn it exists). It
-- runs the rule once per member with app.member_id set to them and app.actor to 'member' (a
-- system transaction would otherwise see every space for all), then puts both settings back.
-- Transaction-local settings only, as the tenant transaction's own; SECURITY INVOKER, so it sees
-- what the caller's row-level security lets it see of the members it is given.
CREATE OR REPLACE FUNCTION public.guild_members_seeing_space(p_space uuid, p_members uuid[])
RETURNS uuid[]
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
  saved_member text := coalesce(current_setting('app.member_id', true), '');
  saved_actor text := coalesce(current_setting('app.actor', true), '');
  m uuid;
  seeing uuid[] := '{}';
BEGIN
  FOREACH m IN ARRAY coalesce(p_members, '{}') LOOP
    PERFORM set_config('app.member_id', m::text, true);
    PERFORM set_config('app.actor', 'member', true);
    IF p_space = ANY (guild_visible_space_ids()) THEN
      seeing := seeing || m;
    END IF;
  END LOOP;
  PERFORM set_config('app.member_id', saved_member, true);
  PERFORM set_config('app.actor', saved_actor, true);
  RETURN seeing;
END
$$;
