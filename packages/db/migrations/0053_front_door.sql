CREATE TABLE "join_request" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_member_id" uuid,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "join_request_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "join_request_status_check" CHECK ("join_request"."status" in ('pending', 'approved', 'denied'))
);
--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_purpose_check";--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "accent_color" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "show_public_posts" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "join_policy" text DEFAULT 'invitation' NOT NULL;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_decided_by_member_fk" FOREIGN KEY ("organization_id","decided_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "join_request_one_pending_per_user" ON "join_request" USING btree ("organization_id","user_id") WHERE "join_request"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "join_request_org_status_idx" ON "join_request" USING btree ("organization_id","status","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "file_one_logo_per_organization" ON "file" USING btree ("organization_id") WHERE "file"."purpose" = 'logo' and "file"."status" = 'ready';--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_purpose_check" CHECK ("file"."purpose" in ('avatar', 'lead_attachment', 'logo'));--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_join_policy_check" CHECK ("organization"."join_policy" in ('open', 'approval', 'invitation'));--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_accent_color_check" CHECK ("organization"."accent_color" ~ '^#[0-9a-f]{6}$');