CREATE TABLE "space" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"icon" text DEFAULT '' NOT NULL,
	"type" text DEFAULT 'discussion' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"section" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_member_id" uuid,
	"archived_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "space_org_slug_unique" UNIQUE("organization_id","slug"),
	CONSTRAINT "space_type_check" CHECK ("space"."type" in ('discussion', 'chat', 'course', 'events', 'resources')),
	CONSTRAINT "space_visibility_check" CHECK ("space"."visibility" in ('public', 'private', 'paid')),
	CONSTRAINT "space_slug_check" CHECK ("space"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("space"."slug") <= 60),
	CONSTRAINT "space_name_check" CHECK (length("space"."name") between 1 and 80),
	CONSTRAINT "space_description_check" CHECK (length("space"."description") <= 500),
	CONSTRAINT "space_icon_check" CHECK (length("space"."icon") <= 16),
	CONSTRAINT "space_section_check" CHECK (length("space"."section") <= 60)
);
--> statement-breakpoint
CREATE TABLE "space_member" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"access" text DEFAULT 'joined' NOT NULL,
	"muted_at" timestamp (3) with time zone,
	"added_by_member_id" uuid,
	CONSTRAINT "space_member_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "space_member_org_space_member_unique" UNIQUE("organization_id","space_id","member_id"),
	CONSTRAINT "space_member_access_check" CHECK ("space_member"."access" in ('joined', 'added'))
);
--> statement-breakpoint
CREATE TABLE "space_tier" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	CONSTRAINT "space_tier_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "space_tier_org_space_tier_unique" UNIQUE("organization_id","space_id","tier_id")
);
--> statement-breakpoint
ALTER TABLE "space" ADD CONSTRAINT "space_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space" ADD CONSTRAINT "space_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_member" ADD CONSTRAINT "space_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_member" ADD CONSTRAINT "space_member_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_member" ADD CONSTRAINT "space_member_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_member" ADD CONSTRAINT "space_member_added_by_member_fk" FOREIGN KEY ("organization_id","added_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_tier" ADD CONSTRAINT "space_tier_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_tier" ADD CONSTRAINT "space_tier_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_tier" ADD CONSTRAINT "space_tier_tier_fk" FOREIGN KEY ("organization_id","tier_id") REFERENCES "public"."member_tier"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_org_position_idx" ON "space" USING btree ("organization_id","position","name");--> statement-breakpoint
CREATE INDEX "space_member_org_member_idx" ON "space_member" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "space_tier_org_tier_idx" ON "space_tier" USING btree ("organization_id","tier_id");