CREATE TABLE "xp_standing_count" (
	"organization_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"xp" integer NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "xp_standing_count_pk" PRIMARY KEY("organization_id","period","period_start","xp"),
	CONSTRAINT "xp_standing_count_period_check" CHECK ("xp_standing_count"."period" in ('daily', 'weekly', 'monthly', 'all_time'))
);
--> statement-breakpoint
ALTER TABLE "xp_standing" ADD COLUMN "events" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "xp_standing_count" ADD CONSTRAINT "xp_standing_count_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xp_standing_count_zero_idx" ON "xp_standing_count" USING btree ("organization_id") WHERE "xp_standing_count"."members" = 0;