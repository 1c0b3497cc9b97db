CREATE TABLE "file" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"content_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"purpose" text NOT NULL,
	"storage_key" text NOT NULL,
	"etag" text,
	"uploader_member_id" uuid,
	"member_id" uuid,
	"lead_id" uuid,
	"confirmed_at" timestamp (3) with time zone,
	CONSTRAINT "file_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "file_storage_key_key" UNIQUE("organization_id","storage_key"),
	CONSTRAINT "file_content_type_check" CHECK ("file"."content_type" in ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
	CONSTRAINT "file_status_check" CHECK ("file"."status" in ('pending', 'ready')),
	CONSTRAINT "file_purpose_check" CHECK ("file"."purpose" in ('avatar', 'lead_attachment')),
	CONSTRAINT "file_size_check" CHECK ("file"."size" > 0),
	CONSTRAINT "file_owner_check" CHECK (("file"."purpose" = 'avatar') = ("file"."member_id" is not null)
          and ("file"."purpose" = 'lead_attachment') = ("file"."lead_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "storage_usage" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"files" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storage_usage_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "storage_usage_organization_key" UNIQUE("organization_id"),
	CONSTRAINT "storage_usage_not_negative" CHECK ("storage_usage"."bytes" >= 0 and "storage_usage"."files" >= 0)
);
--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_uploader_member_fk" FOREIGN KEY ("organization_id","uploader_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_lead_fk" FOREIGN KEY ("organization_id","lead_id") REFERENCES "public"."lead"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_usage" ADD CONSTRAINT "storage_usage_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "file_one_avatar_per_member" ON "file" USING btree ("organization_id","member_id") WHERE "file"."purpose" = 'avatar' and "file"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "file_org_lead_idx" ON "file" USING btree ("organization_id","lead_id","created_at","id") WHERE "file"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "file_org_pending_idx" ON "file" USING btree ("organization_id","created_at") WHERE "file"."status" = 'pending';