ALTER TABLE "certificate" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
CREATE INDEX "certificate_org_created_idx" ON "certificate" USING btree ("organization_id","created_at","id");--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_revoked_reason_check" CHECK ("certificate"."revoked_reason" is null or char_length("certificate"."revoked_reason") between 1 and 500);--> statement-breakpoint
-- A revoked certificate now verifies as revoked (the page says so and when, never why), so the
-- id maps to its organization whether or not it was revoked; unknown ids still map to nothing.
CREATE OR REPLACE FUNCTION public.guild_certificate_organization(p_id uuid)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.organization_id FROM certificate c WHERE c.id = p_id LIMIT 1
$$;
