CREATE TABLE "studio_post" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"tone" text DEFAULT 'friendly' NOT NULL,
	"platform" text DEFAULT 'community' NOT NULL,
	"length" text DEFAULT 'medium' NOT NULL,
	"model" text,
	"prompt" text,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"target" text,
	"space_id" uuid,
	"scheduled_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"publishing_until" timestamp (3) with time zone,
	"error" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_post_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "studio_post_state_check" CHECK ("studio_post"."state" in ('draft', 'scheduled', 'published', 'failed')),
	CONSTRAINT "studio_post_tone_check" CHECK ("studio_post"."tone" in ('friendly', 'professional', 'playful', 'bold', 'informative')),
	CONSTRAINT "studio_post_platform_check" CHECK ("studio_post"."platform" in ('community', 'linkedin', 'x', 'instagram', 'newsletter')),
	CONSTRAINT "studio_post_length_check" CHECK ("studio_post"."length" in ('short', 'medium', 'long')),
	CONSTRAINT "studio_post_target_check" CHECK ("studio_post"."target" in ('space', 'webhook')),
	CONSTRAINT "studio_post_body_length_check" CHECK (char_length("studio_post"."body") <= 500),
	CONSTRAINT "studio_post_space_target_check" CHECK ("studio_post"."target" is distinct from 'space' or "studio_post"."space_id" is not null or "studio_post"."state" <> 'scheduled'),
	CONSTRAINT "studio_post_scheduled_check" CHECK ("studio_post"."state" <> 'scheduled' or ("studio_post"."scheduled_at" is not null and "studio_post"."target" is not null)),
	CONSTRAINT "studio_post_attempts_check" CHECK ("studio_post"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "studio_publish" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"studio_post_id" uuid NOT NULL,
	"target" text NOT NULL,
	"post_id" uuid,
	"space_id" uuid,
	"response_status" integer,
	"author_member_id" uuid,
	"published_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "studio_publish_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "studio_publish_org_post_unique" UNIQUE("organization_id","studio_post_id"),
	CONSTRAINT "studio_publish_target_check" CHECK ("studio_publish"."target" in ('space', 'webhook'))
);
--> statement-breakpoint
CREATE TABLE "studio_webhook" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_webhook_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "studio_webhook_org_unique" UNIQUE("organization_id"),
	CONSTRAINT "studio_webhook_url_check" CHECK ("studio_webhook"."url" ~ '^https?://')
);
--> statement-breakpoint
ALTER TABLE "credit_entry" DROP CONSTRAINT "credit_entry_kind_check";--> statement-breakpoint
ALTER TABLE "credit_lot" DROP CONSTRAINT "credit_lot_kind_check";--> statement-breakpoint
ALTER TABLE "studio_post" ADD CONSTRAINT "studio_post_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_post" ADD CONSTRAINT "studio_post_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_post" ADD CONSTRAINT "studio_post_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_publish" ADD CONSTRAINT "studio_publish_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_publish" ADD CONSTRAINT "studio_publish_studio_post_fk" FOREIGN KEY ("organization_id","studio_post_id") REFERENCES "public"."studio_post"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_publish" ADD CONSTRAINT "studio_publish_post_fk" FOREIGN KEY ("organization_id","post_id") REFERENCES "public"."post"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_publish" ADD CONSTRAINT "studio_publish_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_publish" ADD CONSTRAINT "studio_publish_author_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_webhook" ADD CONSTRAINT "studio_webhook_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_post_org_member_state_idx" ON "studio_post" USING btree ("organization_id","member_id","state","updated_at","id");--> statement-breakpoint
CREATE INDEX "studio_post_org_member_scheduled_idx" ON "studio_post" USING btree ("organization_id","member_id","scheduled_at") WHERE "studio_post"."scheduled_at" is not null;--> statement-breakpoint
ALTER TABLE "credit_entry" ADD CONSTRAINT "credit_entry_kind_check" CHECK ("credit_entry"."kind" in ('signup_bonus', 'monthly_grant', 'purchase', 'admin_bonus', 'spend', 'expiry', 'refund', 'spend_refund'));--> statement-breakpoint
ALTER TABLE "credit_lot" ADD CONSTRAINT "credit_lot_kind_check" CHECK ("credit_lot"."kind" in ('signup_bonus', 'monthly_grant', 'purchase', 'admin_bonus', 'spend_refund'));