CREATE TABLE "xp_event" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" text NOT NULL,
	"amount" integer NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xp_event_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "xp_event_org_member_kind_source_unique" UNIQUE("organization_id","member_id","kind","source_id"),
	CONSTRAINT "xp_event_kind_check" CHECK ("xp_event"."kind" in ('lesson', 'quiz_pass', 'post', 'comment', 'reaction_received', 'achievement', 'session_attended', 'admin_adjustment')),
	CONSTRAINT "xp_event_source_id_check" CHECK (length("xp_event"."source_id") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "xp_standing" (
	"organization_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"member_id" uuid NOT NULL,
	"xp" integer DEFAULT 0 NOT NULL,
	"lessons" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "xp_standing_pk" PRIMARY KEY("organization_id","period","period_start","member_id"),
	CONSTRAINT "xp_standing_period_check" CHECK ("xp_standing"."period" in ('daily', 'weekly', 'monthly', 'all_time'))
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "week_starts_on" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "xp_event" ADD CONSTRAINT "xp_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xp_event" ADD CONSTRAINT "xp_event_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xp_standing" ADD CONSTRAINT "xp_standing_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xp_standing" ADD CONSTRAINT "xp_standing_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xp_event_org_member_occurred_idx" ON "xp_event" USING btree ("organization_id","member_id","occurred_at");--> statement-breakpoint
CREATE INDEX "xp_standing_board_idx" ON "xp_standing" USING btree ("organization_id","period","period_start","xp" DESC NULLS LAST,"member_id");--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_week_starts_on_check" CHECK ("organization"."week_starts_on" between 1 and 7);