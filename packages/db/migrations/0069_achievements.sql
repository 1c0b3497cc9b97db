CREATE TABLE "achievement" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"built_in_key" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"icon" text NOT NULL,
	"category" text NOT NULL,
	"rarity" text NOT NULL,
	"xp_reward" integer DEFAULT 0 NOT NULL,
	"criteria" jsonb NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "achievement_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "achievement_org_built_in_key_unique" UNIQUE("organization_id","built_in_key"),
	CONSTRAINT "achievement_icon_check" CHECK ("achievement"."icon" in ('star', 'flame', 'trophy', 'medal', 'book', 'graduation', 'target', 'zap', 'crown', 'heart')),
	CONSTRAINT "achievement_rarity_check" CHECK ("achievement"."rarity" in ('common', 'rare', 'epic', 'legendary')),
	CONSTRAINT "achievement_name_check" CHECK (char_length(btrim("achievement"."name")) between 1 and 80),
	CONSTRAINT "achievement_description_check" CHECK (char_length("achievement"."description") <= 300),
	CONSTRAINT "achievement_category_check" CHECK (char_length(btrim("achievement"."category")) between 1 and 40),
	CONSTRAINT "achievement_xp_reward_check" CHECK ("achievement"."xp_reward" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "member_achievement" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"earned_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "member_achievement_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "member_achievement_org_achievement_member_unique" UNIQUE("organization_id","achievement_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "achievement" ADD CONSTRAINT "achievement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement" ADD CONSTRAINT "achievement_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_achievement" ADD CONSTRAINT "member_achievement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_achievement" ADD CONSTRAINT "member_achievement_achievement_fk" FOREIGN KEY ("organization_id","achievement_id") REFERENCES "public"."achievement"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_achievement" ADD CONSTRAINT "member_achievement_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_achievement_org_member_earned_idx" ON "member_achievement" USING btree ("organization_id","member_id","earned_at" DESC NULLS LAST);