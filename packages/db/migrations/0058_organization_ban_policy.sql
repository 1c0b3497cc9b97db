-- organization_ban is pre-tenant (schema/organization-ban.ts): the ways in (the front door, an
-- invitation's acceptance, a paid join's webhook) read it as the app role before any tenant
-- settings exist, so, as member and invitation in 0002 and organization_subscription in 0035, its
-- policy confines guild_tenant (the moderation procedures' tenant transactions) and is not forced.
ALTER TABLE organization_ban ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organization_ban TO guild_tenant
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organization_ban TO guild_tenant;
