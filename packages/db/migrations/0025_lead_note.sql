CREATE TABLE "lead_note" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer,
	"outcome" text,
	"author_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "lead_note_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "lead_note_kind_check" CHECK ("lead_note"."kind" in ('note', 'call', 'meeting', 'email')),
	CONSTRAINT "lead_note_outcome_check" CHECK ("lead_note"."outcome" in ('connected', 'no_answer', 'left_voicemail', 'held', 'no_show', 'rescheduled'))
);
--> statement-breakpoint
ALTER TABLE "lead_note" ADD CONSTRAINT "lead_note_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_note" ADD CONSTRAINT "lead_note_author_member_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_note" ADD CONSTRAINT "lead_note_lead_fk" FOREIGN KEY ("organization_id","lead_id") REFERENCES "public"."lead"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_note_org_lead_occurred_idx" ON "lead_note" USING btree ("organization_id","lead_id","occurred_at","id") WHERE "lead_note"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "lead_note_org_deleted_idx" ON "lead_note" USING btree ("organization_id","deleted_at") WHERE "lead_note"."deleted_at" is not null;