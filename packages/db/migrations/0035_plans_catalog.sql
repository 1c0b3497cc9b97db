-- organization_subscription is pre-tenant (schema/organization-subscription.ts): the membership
-- statement reads it as the app role before the tenant settings exist, so, as member and
-- invitation in 0002, its policy confines guild_tenant (tenant transactions: jobs, webhooks,
-- the billing procedures) and is not forced.
ALTER TABLE organization_subscription ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organization_subscription TO guild_tenant
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organization_subscription TO guild_tenant;
--> statement-breakpoint
-- The catalog's plans are read inside tenant transactions too (a subscription's plan, the
-- entitlements of a job's organization): read-only for the tenant role, written by the app role
-- (platform admins, db:sync-stripe, product and price webhooks).
GRANT SELECT ON plan, plan_price TO guild_tenant;
--> statement-breakpoint
-- The default catalog (issue 10 §1): Free, Pro and Business. Entitlements: null is unlimited.
-- Pro is paid per staff seat (its staffSeats is the most seats one may buy) with a 14-day trial;
-- Business is flat, with a lifetime price. Idempotent: a catalog already edited stays as it is.
INSERT INTO plan (key, name, description, sort_order, trial_days, entitlements) VALUES
  ('free', 'Free', 'For a small community getting started.', 0, 0,
   '{"staffSeats": 3, "communityMembers": 100, "spaces": 3, "courses": 1, "monthlyCredits": 0, "storageBytes": 1073741824}'),
  ('pro', 'Pro', 'For a growing community and its team, paid per staff seat.', 1, 14,
   '{"staffSeats": 50, "communityMembers": 5000, "spaces": 25, "courses": 20, "monthlyCredits": 100, "storageBytes": 53687091200}'),
  ('business', 'Business', 'For large communities: no limits on people, spaces or courses.', 2, 0,
   '{"staffSeats": null, "communityMembers": null, "spaces": null, "courses": null, "monthlyCredits": 500, "storageBytes": 1099511627776}')
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO plan_price (plan_id, lookup_key, interval, currency, unit_amount, per_seat)
SELECT p.id, v.lookup_key, v.interval, 'usd', v.unit_amount, v.per_seat
FROM (VALUES
  ('pro', 'pro_month_usd', 'month', 1200, true),
  ('pro', 'pro_year_usd', 'year', 12000, true),
  ('business', 'business_month_usd', 'month', 9900, false),
  ('business', 'business_year_usd', 'year', 99000, false),
  ('business', 'business_lifetime_usd', 'lifetime', 299000, false)
) AS v(plan_key, lookup_key, interval, unit_amount, per_seat)
JOIN plan p ON p.key = v.plan_key
ON CONFLICT (lookup_key) DO NOTHING;
