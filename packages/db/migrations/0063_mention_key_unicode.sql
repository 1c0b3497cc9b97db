ALTER TABLE "member_profile" drop column "display_name_key";--> statement-breakpoint
ALTER TABLE "member_profile" ADD COLUMN "display_name_key" text GENERATED ALWAYS AS (lower(display_name COLLATE "pg_c_utf8")) STORED NOT NULL;--> statement-breakpoint
-- Dropping the column dropped its index (0059): the same index again, on the new key.
CREATE INDEX "member_profile_org_display_name_key_idx" ON "member_profile" USING btree ("organization_id","display_name_key" text_pattern_ops);