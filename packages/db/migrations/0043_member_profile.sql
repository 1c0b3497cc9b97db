CREATE TABLE "member_profile" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"time_zone" text,
	"language" text,
	"last_seen_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_profile_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "member_profile_org_member_key" UNIQUE("organization_id","member_id"),
	CONSTRAINT "member_profile_language_check" CHECK ("member_profile"."language" in ('en', 'de', 'es', 'fr', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'zh')),
	CONSTRAINT "member_profile_username_check" CHECK ("member_profile"."username" ~ '^[a-z0-9_]{3,30}$'),
	CONSTRAINT "member_profile_display_name_check" CHECK (length("member_profile"."display_name") between 1 and 80),
	CONSTRAINT "member_profile_headline_check" CHECK (length("member_profile"."headline") <= 120),
	CONSTRAINT "member_profile_bio_check" CHECK (length("member_profile"."bio") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "member_profile" ADD CONSTRAINT "member_profile_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profile" ADD CONSTRAINT "member_profile_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_profile_org_username_key" ON "member_profile" USING btree ("organization_id","username" text_pattern_ops);