ALTER TABLE "direct_message" DROP CONSTRAINT "direct_message_body_check";--> statement-breakpoint
ALTER TABLE "conversation_member" ADD COLUMN "joined_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "direct_message" ADD COLUMN "system_event" text;--> statement-breakpoint
ALTER TABLE "direct_message" ADD COLUMN "subject_member_id" uuid;--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_subject_fk" FOREIGN KEY ("organization_id","subject_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_system_event_check" CHECK ("direct_message"."system_event" in ('added', 'removed', 'left'));--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_system_line_check" CHECK ("direct_message"."system_event" is null or "direct_message"."body" = '');--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_body_check" CHECK (length("direct_message"."body") <= 4000 and ("direct_message"."deleted_at" is not null or "direct_message"."system_event" is not null or length("direct_message"."body") >= 1));