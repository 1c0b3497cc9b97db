-- Secures tables by the category the schema declares for each (schema/helpers.ts): migrate()
-- calls guild_secure_tables with the schema's registry after every migration run, so a new table
-- needs no isolation code of its own, and a table without a category stops the migration.
--   tenant        RLS enabled and forced, the organization policy, grants for guild_tenant
--   member-owned  the same, with a policy that also requires the row's member_id to be the
--                 transaction's member (app.member_id), unless the system actor runs it (jobs)
--   pre-tenant    member, invitation: policies written in 0002_tenancy.sql, not forced
--   global        nothing (no organization_id)
-- It changes the catalog only where something is missing or different, so a boot of an
-- up-to-date database takes no table locks.
-- Also: a foreign key that pairs organization_id with a column and says ON DELETE SET NULL is
-- narrowed to SET NULL (that column), since nulling organization_id is never meant and drizzle-kit
-- cannot write the column list (memberRef: content stays when its author leaves).
CREATE OR REPLACE FUNCTION guild_secure_tables(categories jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  fk record;
  category text;
  org_expr constant text :=
    '(organization_id = nullif(current_setting(''app.organization_id'', true), '''')::uuid)';
  policy_expr text;
  secured integer := 0;
BEGIN
  FOR t IN
    SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
  LOOP
    category := categories ->> t.relname;
    IF category IS NULL THEN
      RAISE EXCEPTION 'table % has no category: declare it with tenantTable, memberOwnedTable, preTenantTable or globalTable (packages/db/src/schema/helpers.ts)', t.relname;
    END IF;
    CONTINUE WHEN category NOT IN ('tenant', 'member-owned');

    IF NOT t.relrowsecurity THEN
      EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    END IF;
    IF NOT t.relforcerowsecurity THEN
      EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
    END IF;
    policy_expr := CASE category
      WHEN 'tenant' THEN org_expr
      ELSE '(' || org_expr || ' AND ((member_id = nullif(current_setting(''app.member_id'', true), '''')::uuid) OR (current_setting(''app.actor'', true) = ''system'')))'
    END;
    -- Each policy carries a comment naming the category it was made for: a table whose
    -- category changed, or a policy someone edited by hand without the tag, is made anew.
    IF NOT EXISTS (
      SELECT 1 FROM pg_policy p
      WHERE p.polrelid = t.oid AND p.polname = 'tenant_isolation'
        AND obj_description(p.oid, 'pg_policy') = 'guild:' || category
    ) THEN
      EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON public.%I', t.relname);
      EXECUTE format('CREATE POLICY tenant_isolation ON public.%I USING %s WITH CHECK %s',
        t.relname, policy_expr, policy_expr);
      EXECUTE format('COMMENT ON POLICY tenant_isolation ON public.%I IS %L',
        t.relname, 'guild:' || category);
    END IF;
    IF NOT (has_table_privilege('guild_tenant', t.oid, 'select')
        AND has_table_privilege('guild_tenant', t.oid, 'insert')
        AND has_table_privilege('guild_tenant', t.oid, 'update')
        AND has_table_privilege('guild_tenant', t.oid, 'delete')) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO guild_tenant', t.relname);
    END IF;
    secured := secured + 1;
  END LOOP;

  FOR fk IN
    SELECT con.conname, cl.relname AS tbl, rc.relname AS ref_tbl,
      array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
      array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_cols
    FROM pg_constraint con
    JOIN pg_class cl ON cl.oid = con.conrelid
    JOIN pg_class rc ON rc.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE n.nspname = 'public' AND con.contype = 'f' AND con.confdeltype = 'n'
      AND con.confdelsetcols IS NULL
      AND array_length(con.conkey, 1) > 1
      AND EXISTS (SELECT 1 FROM unnest(con.conkey) k(num)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                  WHERE a.attname = 'organization_id')
  LOOP
    EXECUTE format(
      'ALTER TABLE public.%I DROP CONSTRAINT %I, ADD CONSTRAINT %I FOREIGN KEY (%s) REFERENCES public.%I (%s) ON DELETE SET NULL (%s)',
      fk.tbl, fk.conname, fk.conname,
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(fk.cols) c),
      fk.ref_tbl,
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(fk.ref_cols) c),
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(fk.cols) c WHERE c <> 'organization_id'));
  END LOOP;
  RETURN secured;
END
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS guild_secure_tenant_tables();
