CREATE TABLE "activity" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_member_id" uuid,
	"actor_reason" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"changes" jsonb,
	"ip" text,
	"user_agent" text,
	"session_id" uuid,
	CONSTRAINT "activity_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "activity_actor_kind_check" CHECK ("activity"."actor_kind" in ('member', 'visitor', 'system'))
);
--> statement-breakpoint
DROP INDEX "lead_org_created_idx";--> statement-breakpoint
DROP INDEX "lead_org_status_created_idx";--> statement-breakpoint
DROP INDEX "lead_org_owner_created_idx";--> statement-breakpoint
DROP INDEX "lead_org_value_idx";--> statement-breakpoint
DROP INDEX "lead_org_name_idx";--> statement-breakpoint
DROP INDEX "lead_org_updated_idx";--> statement-breakpoint
ALTER TABLE "lead" ADD COLUMN "deleted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_actor_member_fk" FOREIGN KEY ("organization_id","actor_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_org_created_idx" ON "activity" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "activity_org_target_idx" ON "activity" USING btree ("organization_id","target_type","target_id","created_at","id");--> statement-breakpoint
CREATE INDEX "lead_org_deleted_idx" ON "lead" USING btree ("organization_id","deleted_at") WHERE "lead"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "lead_org_created_idx" ON "lead" USING btree ("organization_id","created_at","id") WHERE "lead"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_org_status_created_idx" ON "lead" USING btree ("organization_id","status","created_at","id") WHERE "lead"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_org_owner_created_idx" ON "lead" USING btree ("organization_id","owner_member_id","created_at","id") WHERE "lead"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_org_value_idx" ON "lead" USING btree ("organization_id","value_cents","id") WHERE "lead"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_org_name_idx" ON "lead" USING btree ("organization_id","name","id") WHERE "lead"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_org_updated_idx" ON "lead" USING btree ("organization_id","updated_at","id") WHERE "lead"."deleted_at" is null;