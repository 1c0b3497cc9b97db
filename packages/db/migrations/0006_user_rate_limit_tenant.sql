-- Per-user rate limits from inside an organization's tenant transaction (e.g. invitation mails,
-- counted across all of a user's organizations): guild_tenant may keep the counters of the user
-- the request is for (app.user_id, set with the tenant scope) and no one else's. Enabled, not
-- forced: the app role still counts per-user limits outside any organization.
ALTER TABLE user_rate_limit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_counters ON user_rate_limit TO guild_tenant
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON user_rate_limit TO guild_tenant;
