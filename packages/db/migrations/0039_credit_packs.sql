-- The credit packs members can buy (issue 10 "buy credits"): the platform's starting catalog, as
-- the plan catalog is seeded. Prices in cents; the admin console edits them later. Re-running
-- changes nothing, and an edited pack is left alone.
INSERT INTO "credit_pack" ("id", "name", "credits", "unit_amount", "currency", "position") VALUES
  ('credits-50', '50 credits', 50, 500, 'usd', 1),
  ('credits-200', '200 credits', 200, 1500, 'usd', 2),
  ('credits-1000', '1,000 credits', 1000, 6000, 'usd', 3)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Read by the members' "buy credits" in their tenant transaction; only the app's own role edits it.
GRANT SELECT ON "credit_pack" TO guild_tenant;
