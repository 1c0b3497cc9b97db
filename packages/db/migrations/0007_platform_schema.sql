-- member.role, invitation.role and invitation.status: PostgreSQL enums become text with a CHECK
-- (textEnum in schema/helpers.ts). Under row-level security only LEAKPROOF operators become
-- index conditions; text equality is one, enum equality is not. The partial index's predicate
-- names the enum, so it is rebuilt around the change.
DROP INDEX "invitation_one_pending_per_email";--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "role" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "role" SET DEFAULT 'member';--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "status" SET DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE "member" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "member" ALTER COLUMN "role" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "member" ALTER COLUMN "role" SET DEFAULT 'member';--> statement-breakpoint
CREATE UNIQUE INDEX "invitation_one_pending_per_email" ON "invitation" USING btree ("organization_id","email") WHERE "invitation"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_role_check" CHECK ("invitation"."role" in ('owner', 'admin', 'moderator', 'member'));--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_status_check" CHECK ("invitation"."status" in ('pending', 'accepted', 'declined', 'revoked'));--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_role_check" CHECK ("member"."role" in ('owner', 'admin', 'moderator', 'member'));--> statement-breakpoint
DROP TYPE "public"."invitation_status";--> statement-breakpoint
DROP TYPE "public"."member_role";--> statement-breakpoint
-- api_rate_limit becomes a tenantTable like every other: (organization_id, id) key, one row per
-- (organization_id, key).
ALTER TABLE "api_rate_limit" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "api_rate_limit" ADD COLUMN "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "api_rate_limit" DROP CONSTRAINT "api_rate_limit_organization_id_key_pk";--> statement-breakpoint
ALTER TABLE "api_rate_limit" ADD CONSTRAINT "api_rate_limit_organization_id_id_pk" PRIMARY KEY("organization_id","id");--> statement-breakpoint
ALTER TABLE "api_rate_limit" ADD CONSTRAINT "api_rate_limit_organization_id_key_key" UNIQUE("organization_id","key");--> statement-breakpoint
-- The lead owner's foreign key is declared in the schema now (memberRef); migrate() narrows its
-- SET NULL to owner_member_id (guild_secure_tables), as 0002_tenancy.sql did by hand.
ALTER TABLE "lead" DROP CONSTRAINT "lead_owner_member_fk";--> statement-breakpoint
ALTER TABLE "lead" ADD CONSTRAINT "lead_owner_member_fk" FOREIGN KEY ("organization_id","owner_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;
