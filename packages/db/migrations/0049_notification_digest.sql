CREATE TABLE "notification_digest" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"daily" boolean DEFAULT true NOT NULL,
	"last_sent_on" date,
	"last_sent_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_digest_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "notification_digest_organization_id_member_id_key" UNIQUE("organization_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "notification_digest" ADD CONSTRAINT "notification_digest_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_digest" ADD CONSTRAINT "notification_digest_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;