CREATE TABLE "course" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"access" text DEFAULT 'free' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp (3) with time zone,
	"created_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "course_org_slug_unique" UNIQUE("organization_id","slug"),
	CONSTRAINT "course_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "course_status_check" CHECK ("course"."status" in ('draft', 'published')),
	CONSTRAINT "course_access_check" CHECK ("course"."access" in ('free', 'tier', 'grant')),
	CONSTRAINT "course_slug_check" CHECK ("course"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("course"."slug") <= 60),
	CONSTRAINT "course_title_check" CHECK (char_length(btrim("course"."title")) between 1 and 120),
	CONSTRAINT "course_description_check" CHECK (char_length("course"."description") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "course_enrollment" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"last_lesson_id" uuid,
	"last_opened_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "course_enrollment_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "course_enrollment_org_course_member_unique" UNIQUE("organization_id","course_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "course_grant" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"granted_by_member_id" uuid,
	CONSTRAINT "course_grant_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "course_grant_org_course_member_unique" UNIQUE("organization_id","course_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "course_module" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_module_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "course_module_org_course_id_unique" UNIQUE("organization_id","course_id","id"),
	CONSTRAINT "course_module_title_check" CHECK (char_length(btrim("course_module"."title")) between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "course_tier" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	CONSTRAINT "course_tier_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "course_tier_org_course_tier_unique" UNIQUE("organization_id","course_id","tier_id")
);
--> statement-breakpoint
CREATE TABLE "lesson" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"title" text NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"difficulty" text DEFAULT 'beginner' NOT NULL,
	"estimated_minutes" integer,
	"level" integer DEFAULT 1 NOT NULL,
	"gate" integer DEFAULT 1 NOT NULL,
	"xp_reward" integer DEFAULT 0 NOT NULL,
	"drip_days" integer,
	"drip_at" timestamp (3) with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"free_preview" boolean DEFAULT false NOT NULL,
	"content" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "lesson_org_course_id_unique" UNIQUE("organization_id","course_id","id"),
	CONSTRAINT "lesson_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "lesson_difficulty_check" CHECK ("lesson"."difficulty" in ('beginner', 'intermediate', 'advanced')),
	CONSTRAINT "lesson_status_check" CHECK ("lesson"."status" in ('draft', 'published')),
	CONSTRAINT "lesson_title_check" CHECK (char_length(btrim("lesson"."title")) between 1 and 120),
	CONSTRAINT "lesson_subtitle_check" CHECK (char_length("lesson"."subtitle") <= 200),
	CONSTRAINT "lesson_minutes_check" CHECK ("lesson"."estimated_minutes" is null or "lesson"."estimated_minutes" between 1 and 1440),
	CONSTRAINT "lesson_level_check" CHECK ("lesson"."level" between 1 and 30),
	CONSTRAINT "lesson_gate_check" CHECK ("lesson"."gate" between 1 and 1000),
	CONSTRAINT "lesson_xp_check" CHECK ("lesson"."xp_reward" between 0 and 100000),
	CONSTRAINT "lesson_drip_days_check" CHECK ("lesson"."drip_days" is null or "lesson"."drip_days" between 1 and 730),
	CONSTRAINT "lesson_content_check" CHECK (jsonb_typeof("lesson"."content") = 'array')
);
--> statement-breakpoint
CREATE TABLE "lesson_prerequisite" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"required_lesson_id" uuid NOT NULL,
	CONSTRAINT "lesson_prerequisite_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "lesson_prerequisite_org_lesson_required_unique" UNIQUE("organization_id","lesson_id","required_lesson_id"),
	CONSTRAINT "lesson_prerequisite_not_self_check" CHECK ("lesson_prerequisite"."lesson_id" <> "lesson_prerequisite"."required_lesson_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_progress" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"score" integer,
	"last_score" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"time_spent_seconds" integer DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_progress_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "lesson_progress_org_lesson_member_unique" UNIQUE("organization_id","lesson_id","member_id"),
	CONSTRAINT "lesson_progress_status_check" CHECK ("lesson_progress"."status" in ('in_progress', 'completed')),
	CONSTRAINT "lesson_progress_score_check" CHECK (("lesson_progress"."score" is null or "lesson_progress"."score" between 0 and 100) and ("lesson_progress"."last_score" is null or "lesson_progress"."last_score" between 0 and 100)),
	CONSTRAINT "lesson_progress_attempts_check" CHECK ("lesson_progress"."attempts" >= 0),
	CONSTRAINT "lesson_progress_time_check" CHECK ("lesson_progress"."time_spent_seconds" >= 0),
	CONSTRAINT "lesson_progress_completed_check" CHECK (("lesson_progress"."status" = 'completed') = ("lesson_progress"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "quiz_attempt" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	CONSTRAINT "quiz_attempt_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "quiz_attempt_score_check" CHECK ("quiz_attempt"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrollment" ADD CONSTRAINT "course_enrollment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrollment" ADD CONSTRAINT "course_enrollment_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrollment" ADD CONSTRAINT "course_enrollment_course_fk" FOREIGN KEY ("organization_id","space_id","course_id") REFERENCES "public"."course"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrollment" ADD CONSTRAINT "course_enrollment_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrollment" ADD CONSTRAINT "course_enrollment_last_lesson_fk" FOREIGN KEY ("organization_id","last_lesson_id") REFERENCES "public"."lesson"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_grant" ADD CONSTRAINT "course_grant_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_grant" ADD CONSTRAINT "course_grant_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_grant" ADD CONSTRAINT "course_grant_course_fk" FOREIGN KEY ("organization_id","space_id","course_id") REFERENCES "public"."course"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_grant" ADD CONSTRAINT "course_grant_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_grant" ADD CONSTRAINT "course_grant_granted_by_member_fk" FOREIGN KEY ("organization_id","granted_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_module" ADD CONSTRAINT "course_module_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_module" ADD CONSTRAINT "course_module_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_module" ADD CONSTRAINT "course_module_course_fk" FOREIGN KEY ("organization_id","space_id","course_id") REFERENCES "public"."course"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_tier" ADD CONSTRAINT "course_tier_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_tier" ADD CONSTRAINT "course_tier_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_tier" ADD CONSTRAINT "course_tier_course_fk" FOREIGN KEY ("organization_id","space_id","course_id") REFERENCES "public"."course"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_tier" ADD CONSTRAINT "course_tier_tier_fk" FOREIGN KEY ("organization_id","tier_id") REFERENCES "public"."member_tier"("organization_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson" ADD CONSTRAINT "lesson_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson" ADD CONSTRAINT "lesson_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson" ADD CONSTRAINT "lesson_course_fk" FOREIGN KEY ("organization_id","space_id","course_id") REFERENCES "public"."course"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson" ADD CONSTRAINT "lesson_module_fk" FOREIGN KEY ("organization_id","course_id","module_id") REFERENCES "public"."course_module"("organization_id","course_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_prerequisite" ADD CONSTRAINT "lesson_prerequisite_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_prerequisite" ADD CONSTRAINT "lesson_prerequisite_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_prerequisite" ADD CONSTRAINT "lesson_prerequisite_lesson_fk" FOREIGN KEY ("organization_id","course_id","lesson_id") REFERENCES "public"."lesson"("organization_id","course_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_prerequisite" ADD CONSTRAINT "lesson_prerequisite_required_fk" FOREIGN KEY ("organization_id","course_id","required_lesson_id") REFERENCES "public"."lesson"("organization_id","course_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_lesson_fk" FOREIGN KEY ("organization_id","course_id","lesson_id") REFERENCES "public"."lesson"("organization_id","course_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_lesson_fk" FOREIGN KEY ("organization_id","course_id","lesson_id") REFERENCES "public"."lesson"("organization_id","course_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_org_space_position_idx" ON "course" USING btree ("organization_id","space_id","position","id");--> statement-breakpoint
CREATE INDEX "course_enrollment_org_member_idx" ON "course_enrollment" USING btree ("organization_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "course_grant_org_member_idx" ON "course_grant" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "course_module_org_course_position_idx" ON "course_module" USING btree ("organization_id","course_id","position","id");--> statement-breakpoint
CREATE INDEX "course_tier_org_tier_idx" ON "course_tier" USING btree ("organization_id","tier_id");--> statement-breakpoint
CREATE INDEX "lesson_org_module_position_idx" ON "lesson" USING btree ("organization_id","module_id","position","id");--> statement-breakpoint
CREATE INDEX "lesson_org_course_idx" ON "lesson" USING btree ("organization_id","course_id");--> statement-breakpoint
CREATE INDEX "lesson_prerequisite_org_course_idx" ON "lesson_prerequisite" USING btree ("organization_id","course_id");--> statement-breakpoint
CREATE INDEX "lesson_prerequisite_org_required_idx" ON "lesson_prerequisite" USING btree ("organization_id","required_lesson_id");--> statement-breakpoint
CREATE INDEX "lesson_progress_org_member_course_idx" ON "lesson_progress" USING btree ("organization_id","member_id","course_id");--> statement-breakpoint
CREATE INDEX "lesson_progress_org_lesson_idx" ON "lesson_progress" USING btree ("organization_id","lesson_id");--> statement-breakpoint
CREATE INDEX "quiz_attempt_org_lesson_member_idx" ON "quiz_attempt" USING btree ("organization_id","lesson_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "quiz_attempt_org_member_idx" ON "quiz_attempt" USING btree ("organization_id","member_id");