CREATE TABLE "certificate" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid,
	"course_id" uuid,
	"recipient_name" text NOT NULL,
	"course_title" text NOT NULL,
	"organization_name" text NOT NULL,
	"completed_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_by_member_id" uuid,
	CONSTRAINT "certificate_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "certificate_org_course_member_unique" UNIQUE("organization_id","course_id","member_id"),
	CONSTRAINT "certificate_names_check" CHECK (char_length("certificate"."recipient_name") between 1 and 200
        and char_length("certificate"."course_title") between 1 and 200
        and char_length("certificate"."organization_name") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "member_tier" ADD COLUMN "max_lesson_level" integer;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_course_fk" FOREIGN KEY ("organization_id","course_id") REFERENCES "public"."course"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_revoked_by_member_fk" FOREIGN KEY ("organization_id","revoked_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_org_member_idx" ON "certificate" USING btree ("organization_id","member_id","completed_at");--> statement-breakpoint
CREATE INDEX "certificate_id_idx" ON "certificate" USING btree ("id");--> statement-breakpoint
ALTER TABLE "member_tier" ADD CONSTRAINT "member_tier_max_lesson_level_check" CHECK ("member_tier"."max_lesson_level" is null or "member_tier"."max_lesson_level" between 1 and 30);