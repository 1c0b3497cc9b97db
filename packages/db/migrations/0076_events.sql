CREATE TABLE "calendar_feed" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "calendar_feed_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "calendar_feed_org_token_hash_unique" UNIQUE("organization_id","token_hash"),
	CONSTRAINT "calendar_feed_token_hash_check" CHECK ("calendar_feed"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "event" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"time_zone" text NOT NULL,
	"online_url" text,
	"place" text,
	"cover_file_id" uuid,
	"capacity" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"course_id" uuid,
	"lesson_id" uuid,
	"session_type" text,
	"min_level" integer,
	"created_by_member_id" uuid,
	"series_id" uuid,
	"original_start" timestamp (3) with time zone,
	"detached" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"going_count" integer DEFAULT 0 NOT NULL,
	"last_arrival" bigint DEFAULT 0 NOT NULL,
	"recording_url" text,
	"cancelled_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "event_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "event_org_series_original_start_unique" UNIQUE("organization_id","series_id","original_start"),
	CONSTRAINT "event_session_type_check" CHECK ("event"."session_type" in ('workshop', 'qa', 'office_hours', 'presentation')),
	CONSTRAINT "event_status_check" CHECK ("event"."status" in ('scheduled', 'live', 'ended', 'cancelled')),
	CONSTRAINT "event_occurrence_check" CHECK (("event"."series_id" is null) = ("event"."original_start" is null)),
	CONSTRAINT "event_title_check" CHECK (char_length(btrim("event"."title")) between 1 and 120),
	CONSTRAINT "event_description_check" CHECK (char_length("event"."description") <= 20000),
	CONSTRAINT "event_time_check" CHECK ("event"."ends_at" > "event"."starts_at" and "event"."ends_at" <= "event"."starts_at" + interval '168 hours'),
	CONSTRAINT "event_capacity_check" CHECK ("event"."capacity" is null or "event"."capacity" between 1 and 100000),
	CONSTRAINT "event_going_count_check" CHECK ("event"."going_count" >= 0 and ("event"."capacity" is null or "event"."going_count" <= "event"."capacity")),
	CONSTRAINT "event_last_arrival_check" CHECK ("event"."last_arrival" >= 0),
	CONSTRAINT "event_tags_check" CHECK (cardinality("event"."tags") <= 10),
	CONSTRAINT "event_min_level_check" CHECK ("event"."min_level" is null or "event"."min_level" between 1 and 100),
	CONSTRAINT "event_online_url_check" CHECK ("event"."online_url" is null or char_length("event"."online_url") <= 2000),
	CONSTRAINT "event_recording_url_check" CHECK ("event"."recording_url" is null or char_length("event"."recording_url") <= 2000),
	CONSTRAINT "event_place_check" CHECK ("event"."place" is null or char_length("event"."place") <= 300),
	CONSTRAINT "event_cancelled_check" CHECK (("event"."status" = 'cancelled') = ("event"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "event_host" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "event_host_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "event_host_org_event_member_unique" UNIQUE("organization_id","event_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "event_rsvp" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text NOT NULL,
	"arrival" bigint NOT NULL,
	"responded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"waitlisted_at" timestamp (3) with time zone,
	"promoted_at" timestamp (3) with time zone,
	"joined_at" timestamp (3) with time zone,
	"left_at" timestamp (3) with time zone,
	"attendance" text,
	"feedback_rating" integer,
	"feedback_comment" text,
	"feedback_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_rsvp_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "event_rsvp_org_event_member_unique" UNIQUE("organization_id","event_id","member_id"),
	CONSTRAINT "event_rsvp_status_check" CHECK ("event_rsvp"."status" in ('going', 'maybe', 'not_going', 'waitlisted')),
	CONSTRAINT "event_rsvp_attendance_check" CHECK ("event_rsvp"."attendance" in ('attended', 'missed')),
	CONSTRAINT "event_rsvp_arrival_check" CHECK ("event_rsvp"."arrival" >= 1),
	CONSTRAINT "event_rsvp_feedback_rating_check" CHECK ("event_rsvp"."feedback_rating" is null or "event_rsvp"."feedback_rating" between 1 and 5),
	CONSTRAINT "event_rsvp_feedback_check" CHECK (("event_rsvp"."feedback_rating" is null) = ("event_rsvp"."feedback_at" is null) and ("event_rsvp"."feedback_comment" is null or ("event_rsvp"."feedback_rating" is not null and char_length("event_rsvp"."feedback_comment") <= 2000))),
	CONSTRAINT "event_rsvp_left_check" CHECK ("event_rsvp"."left_at" is null or ("event_rsvp"."joined_at" is not null and "event_rsvp"."left_at" >= "event_rsvp"."joined_at"))
);
--> statement-breakpoint
CREATE TABLE "event_series" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"time_zone" text NOT NULL,
	"online_url" text,
	"place" text,
	"cover_file_id" uuid,
	"capacity" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"course_id" uuid,
	"lesson_id" uuid,
	"session_type" text,
	"min_level" integer,
	"created_by_member_id" uuid,
	"frequency" text NOT NULL,
	"rrule" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"generated_until" timestamp (3) with time zone NOT NULL,
	"cancelled_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_series_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "event_series_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "event_series_session_type_check" CHECK ("event_series"."session_type" in ('workshop', 'qa', 'office_hours', 'presentation')),
	CONSTRAINT "event_series_frequency_check" CHECK ("event_series"."frequency" in ('weekly', 'monthly')),
	CONSTRAINT "event_series_title_check" CHECK (char_length(btrim("event_series"."title")) between 1 and 120),
	CONSTRAINT "event_series_description_check" CHECK (char_length("event_series"."description") <= 20000),
	CONSTRAINT "event_series_rrule_check" CHECK (char_length("event_series"."rrule") between 1 and 500),
	CONSTRAINT "event_series_duration_check" CHECK ("event_series"."duration_minutes" between 1 and 10080),
	CONSTRAINT "event_series_capacity_check" CHECK ("event_series"."capacity" is null or "event_series"."capacity" between 1 and 100000),
	CONSTRAINT "event_series_tags_check" CHECK (cardinality("event_series"."tags") <= 10),
	CONSTRAINT "event_series_min_level_check" CHECK ("event_series"."min_level" is null or "event_series"."min_level" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_purpose_check";--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_owner_check";--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_series_fk" FOREIGN KEY ("organization_id","space_id","series_id") REFERENCES "public"."event_series"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_cover_file_fk" FOREIGN KEY ("organization_id","cover_file_id") REFERENCES "public"."file"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_course_fk" FOREIGN KEY ("organization_id","course_id") REFERENCES "public"."course"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_lesson_fk" FOREIGN KEY ("organization_id","lesson_id") REFERENCES "public"."lesson"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_host" ADD CONSTRAINT "event_host_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_host" ADD CONSTRAINT "event_host_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_host" ADD CONSTRAINT "event_host_event_fk" FOREIGN KEY ("organization_id","space_id","event_id") REFERENCES "public"."event"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_host" ADD CONSTRAINT "event_host_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_rsvp" ADD CONSTRAINT "event_rsvp_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_rsvp" ADD CONSTRAINT "event_rsvp_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_rsvp" ADD CONSTRAINT "event_rsvp_event_fk" FOREIGN KEY ("organization_id","space_id","event_id") REFERENCES "public"."event"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_rsvp" ADD CONSTRAINT "event_rsvp_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_cover_file_fk" FOREIGN KEY ("organization_id","cover_file_id") REFERENCES "public"."file"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_course_fk" FOREIGN KEY ("organization_id","course_id") REFERENCES "public"."course"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_lesson_fk" FOREIGN KEY ("organization_id","lesson_id") REFERENCES "public"."lesson"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_feed_token_hash_idx" ON "calendar_feed" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feed_org_member_idx" ON "calendar_feed" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "event_org_space_starts_idx" ON "event" USING btree ("organization_id","space_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "event_org_starts_idx" ON "event" USING btree ("organization_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "event_org_series_starts_idx" ON "event" USING btree ("organization_id","series_id","starts_at") WHERE "event"."series_id" is not null;--> statement-breakpoint
CREATE INDEX "event_org_course_starts_idx" ON "event" USING btree ("organization_id","course_id","starts_at") WHERE "event"."course_id" is not null;--> statement-breakpoint
CREATE INDEX "event_host_org_member_idx" ON "event_host" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "event_rsvp_org_event_status_arrival_idx" ON "event_rsvp" USING btree ("organization_id","event_id","status","arrival");--> statement-breakpoint
CREATE INDEX "event_rsvp_org_member_idx" ON "event_rsvp" USING btree ("organization_id","member_id","status");--> statement-breakpoint
CREATE INDEX "event_series_org_generated_until_idx" ON "event_series" USING btree ("organization_id","generated_until") WHERE "event_series"."cancelled_at" is null;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_purpose_check" CHECK ("file"."purpose" in ('avatar', 'lead_attachment', 'logo', 'resource', 'post_image', 'course_file', 'event_cover'));--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_owner_check" CHECK (("file"."purpose" = 'avatar') = ("file"."member_id" is not null)
          and ("file"."purpose" = 'lead_attachment') = ("file"."lead_id" is not null)
          and ("file"."purpose" in ('resource', 'post_image', 'course_file', 'event_cover')) = ("file"."space_id" is not null));