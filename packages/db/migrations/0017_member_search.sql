-- The member directory's search terms (schema/organization.ts: customSearchKind): a member is
-- found by the words of their user's name (kind 'member') and, for those who may see emails, of
-- their email (kind 'member_email'). The words live on "user", a global table, so this is the
-- custom case of schema/search.ts: triggers on both tables call search_set_terms.

-- A membership added, removed or moved: its terms follow. SECURITY INVOKER: a member removed in a
-- tenant transaction removes its own organization's terms; one added by the app's own role
-- (creating an organization, accepting an invitation) is written in the member's organization
-- (search_set_terms).
CREATE OR REPLACE FUNCTION search_member_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  u record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM search_set_terms('member', OLD.organization_id, OLD.id, '{}');
    PERFORM search_set_terms('member_email', OLD.organization_id, OLD.id, '{}');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT name, email INTO u FROM "user" WHERE id = NEW.user_id;
    PERFORM search_set_terms('member', NEW.organization_id, NEW.id, search_words(u.name), TG_OP = 'INSERT');
    PERFORM search_set_terms('member_email', NEW.organization_id, NEW.id, search_words(u.email), TG_OP = 'INSERT');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_term_member
AFTER INSERT OR DELETE OR UPDATE OF user_id, organization_id, id ON member
FOR EACH ROW EXECUTE FUNCTION search_member_sync();
--> statement-breakpoint
-- A user renamed or given another email: the terms of each of their memberships. SECURITY DEFINER
-- (owned by the migrating role, which owns the tables): the user's memberships in every
-- organization must be rewritten even if the update ran inside one organization's tenant
-- transaction, where guild_tenant would see only that organization's. It writes nothing but the
-- words of the row that changed, for that user's own memberships.
CREATE OR REPLACE FUNCTION search_user_member_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m record;
BEGIN
  FOR m IN SELECT organization_id, id FROM member WHERE user_id = NEW.id ORDER BY organization_id LOOP
    IF NEW.name IS DISTINCT FROM OLD.name THEN
      PERFORM search_set_terms('member', m.organization_id, m.id, search_words(NEW.name));
    END IF;
    IF NEW.email IS DISTINCT FROM OLD.email THEN
      PERFORM search_set_terms('member_email', m.organization_id, m.id, search_words(NEW.email));
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_term_member
AFTER UPDATE OF name, email ON "user"
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
EXECUTE FUNCTION search_user_member_sync();
--> statement-breakpoint
-- The members already there, organization by organization (RLS is forced on search_term).
DO $$
DECLARE
  o uuid;
BEGIN
  FOR o IN SELECT id FROM organization ORDER BY id LOOP
    PERFORM set_config('app.organization_id', o::text, true);
    INSERT INTO search_term (organization_id, kind, target_id, term)
    SELECT m.organization_id, k.kind, m.id, w
    FROM member m
    JOIN "user" u ON u.id = m.user_id
    CROSS JOIN LATERAL (VALUES ('member', search_words(u.name)), ('member_email', search_words(u.email))) AS k(kind, words)
    CROSS JOIN LATERAL unnest(k.words) AS w
    WHERE m.organization_id = o
    ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.organization_id', '', true);
END
$$;
