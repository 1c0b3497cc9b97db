CREATE TABLE "content_report" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"comment_id" uuid,
	"reporter_member_id" uuid,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by_member_id" uuid,
	"resolved_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_report_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "content_report_reason_check" CHECK ("content_report"."reason" in ('spam', 'harassment', 'hate', 'misinformation', 'off_topic', 'other')),
	CONSTRAINT "content_report_status_check" CHECK ("content_report"."status" in ('open', 'dismissed', 'actioned')),
	CONSTRAINT "content_report_details_check" CHECK (char_length("content_report"."details") <= 500),
	CONSTRAINT "content_report_resolved_check" CHECK (("content_report"."status" = 'open') = ("content_report"."resolved_at" is null))
);
--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_post_fk" FOREIGN KEY ("organization_id","space_id","post_id") REFERENCES "public"."post"("organization_id","space_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_comment_fk" FOREIGN KEY ("organization_id","post_id","comment_id") REFERENCES "public"."comment"("organization_id","post_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_reporter_member_fk" FOREIGN KEY ("organization_id","reporter_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_resolved_by_member_fk" FOREIGN KEY ("organization_id","resolved_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_report_open_post_unique" ON "content_report" USING btree ("organization_id","post_id","reporter_member_id") WHERE "content_report"."status" = 'open' and "content_report"."comment_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "content_report_open_comment_unique" ON "content_report" USING btree ("organization_id","comment_id","reporter_member_id") WHERE "content_report"."status" = 'open' and "content_report"."comment_id" is not null;--> statement-breakpoint
CREATE INDEX "content_report_org_open_idx" ON "content_report" USING btree ("organization_id","created_at","id") WHERE "content_report"."status" = 'open';--> statement-breakpoint
CREATE INDEX "content_report_org_post_idx" ON "content_report" USING btree ("organization_id","post_id","comment_id");--> statement-breakpoint
CREATE INDEX "content_report_org_reporter_idx" ON "content_report" USING btree ("organization_id","reporter_member_id");--> statement-breakpoint
CREATE INDEX "content_report_org_resolved_by_idx" ON "content_report" USING btree ("organization_id","resolved_by_member_id");