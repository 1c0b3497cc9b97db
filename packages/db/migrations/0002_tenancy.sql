-- Tenant isolation in PostgreSQL itself (architecture.md, "Tenancy").
--
-- guild_tenant is the role every tenant transaction switches to (withTenant in src/tenant.ts).
-- It cannot log in; the app's login role must be granted it in production:
--   GRANT guild_tenant TO <app role>;
-- CREATE ROLE is cluster-wide, so it is guarded for databases that share a cluster (tests).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guild_tenant') THEN
    CREATE ROLE guild_tenant NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO guild_tenant;
--> statement-breakpoint
-- Secures every tenant table: a table in `public` with an organization_id column, other than the
-- two better-auth-shaped tables read before a tenant scope exists. Called by migrate() after every
-- migration run, so a new tenant table needs no isolation code of its own: only its migration.
-- The policy is for PUBLIC (not just guild_tenant), so a non-superuser owner role outside a
-- tenant transaction sees no rows either. nullif: a pooled connection that once set the value
-- reads '' afterwards (stack.md, trap 1).
CREATE OR REPLACE FUNCTION guild_secure_tenant_tables() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  secured integer := 0;
BEGIN
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('member', 'invitation')
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (
      SELECT 1 FROM pg_policies
      WHERE schemaname = 'public' AND tablename = t.relname AND policyname = 'tenant_isolation'
    ) THEN
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON public.%I '
        'USING (organization_id = nullif(current_setting(''app.organization_id'', true), '''')::uuid) '
        'WITH CHECK (organization_id = nullif(current_setting(''app.organization_id'', true), '''')::uuid)',
        t.relname);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO guild_tenant', t.relname);
    secured := secured + 1;
  END LOOP;
  RETURN secured;
END
$$;
--> statement-breakpoint
-- member and invitation: read by the membership check and invitation acceptance as the app role
-- (RLS enabled but not forced: the owner is unaffected), and confined for guild_tenant.
ALTER TABLE member ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON member TO guild_tenant
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON member TO guild_tenant;
--> statement-breakpoint
ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitation TO guild_tenant
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON invitation TO guild_tenant;
--> statement-breakpoint
-- The tenant may see and edit its own organization row only.
ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organization TO guild_tenant
  USING (id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, UPDATE, DELETE ON organization TO guild_tenant;
--> statement-breakpoint
-- People: a tenant sees the public profile columns of its own members only.
ALTER TABLE "user" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_members ON "user" FOR SELECT TO guild_tenant
  USING (EXISTS (
    SELECT 1 FROM member m
    WHERE m.user_id = "user".id
      AND m.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
  ));
--> statement-breakpoint
GRANT SELECT (id, name, email, image) ON "user" TO guild_tenant;
--> statement-breakpoint
-- A lead's owner is a member of the same organization; removing the member clears only the
-- owner column (PostgreSQL 15+ column list), never the organization_id.
ALTER TABLE lead ADD CONSTRAINT lead_owner_member_fk
  FOREIGN KEY (organization_id, owner_member_id) REFERENCES member (organization_id, id)
  ON DELETE SET NULL (owner_member_id);
--> statement-breakpoint
SELECT guild_secure_tenant_tables();
