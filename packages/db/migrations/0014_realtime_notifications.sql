CREATE TABLE "notification" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"actor_member_id" uuid,
	"source_key" text NOT NULL,
	"read_at" timestamp (3) with time zone,
	CONSTRAINT "notification_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "notification_organization_id_member_id_source_key_key" UNIQUE("organization_id","member_id","source_key")
);
--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"in_app" boolean NOT NULL,
	"mail" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preference_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "notification_preference_organization_id_member_id_kind_key" UNIQUE("organization_id","member_id","kind")
);
--> statement-breakpoint
CREATE TABLE "org_event" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"actor_member_id" uuid,
	"audience_member_id" uuid,
	CONSTRAINT "org_event_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "org_event_organization_id_seq_key" UNIQUE("organization_id","seq")
);
--> statement-breakpoint
CREATE TABLE "organization_event_counter" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"pruned_through" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "organization_event_counter_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "organization_event_counter_organization_id_key" UNIQUE("organization_id")
);
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_actor_member_fk" FOREIGN KEY ("organization_id","actor_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_event" ADD CONSTRAINT "org_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_event_counter" ADD CONSTRAINT "organization_event_counter_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_member_created_idx" ON "notification" USING btree ("organization_id","member_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notification_member_unread_idx" ON "notification" USING btree ("organization_id","member_id") WHERE "notification"."read_at" is null;--> statement-breakpoint
CREATE INDEX "org_event_org_created_idx" ON "org_event" USING btree ("organization_id","created_at");