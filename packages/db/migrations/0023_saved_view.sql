CREATE TABLE "saved_view" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resource" text NOT NULL,
	"name" text NOT NULL,
	"state" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"owner_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "saved_view_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "saved_view_resource_check" CHECK ("saved_view"."resource" in ('leads'))
);
--> statement-breakpoint
ALTER TABLE "saved_view" ADD CONSTRAINT "saved_view_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_view" ADD CONSTRAINT "saved_view_owner_member_fk" FOREIGN KEY ("organization_id","owner_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_view_org_owner_resource_name_key" ON "saved_view" USING btree ("organization_id","owner_member_id","resource","name") WHERE "saved_view"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "saved_view_org_resource_idx" ON "saved_view" USING btree ("organization_id","resource") WHERE "saved_view"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "saved_view_org_deleted_idx" ON "saved_view" USING btree ("organization_id","deleted_at") WHERE "saved_view"."deleted_at" is not null;