CREATE TABLE "resource_folder" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_folder_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "resource_folder_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "resource_folder_name_check" CHECK (char_length(btrim("resource_folder"."name")) between 1 and 80),
	CONSTRAINT "resource_folder_description_check" CHECK (char_length("resource_folder"."description") <= 500)
);
--> statement-breakpoint
CREATE TABLE "resource_item" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"folder_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"file_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_item_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "resource_item_org_file_unique" UNIQUE("organization_id","file_id"),
	CONSTRAINT "resource_item_kind_check" CHECK ("resource_item"."kind" in ('file', 'link')),
	CONSTRAINT "resource_item_kind_fields_check" CHECK (("resource_item"."kind" = 'file') = ("resource_item"."file_id" is not null and "resource_item"."url" is null)
          and ("resource_item"."kind" = 'link') = ("resource_item"."url" is not null and "resource_item"."file_id" is null)),
	CONSTRAINT "resource_item_url_check" CHECK ("resource_item"."url" is null or ("resource_item"."url" ~* '^https?://' and char_length("resource_item"."url") <= 2000)),
	CONSTRAINT "resource_item_title_check" CHECK (char_length(btrim("resource_item"."title")) between 1 and 120),
	CONSTRAINT "resource_item_description_check" CHECK (char_length("resource_item"."description") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_purpose_check";--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_owner_check";--> statement-breakpoint
ALTER TABLE "file" ADD COLUMN "space_id" uuid;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_org_space_id_unique" UNIQUE("organization_id","space_id","id");--> statement-breakpoint
ALTER TABLE "resource_folder" ADD CONSTRAINT "resource_folder_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_folder" ADD CONSTRAINT "resource_folder_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_folder" ADD CONSTRAINT "resource_folder_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_item" ADD CONSTRAINT "resource_item_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_item" ADD CONSTRAINT "resource_item_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_item" ADD CONSTRAINT "resource_item_folder_fk" FOREIGN KEY ("organization_id","space_id","folder_id") REFERENCES "public"."resource_folder"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_item" ADD CONSTRAINT "resource_item_file_fk" FOREIGN KEY ("organization_id","space_id","file_id") REFERENCES "public"."file"("organization_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_item" ADD CONSTRAINT "resource_item_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_folder_org_space_position_idx" ON "resource_folder" USING btree ("organization_id","space_id","position","id");--> statement-breakpoint
CREATE INDEX "resource_item_org_space_folder_position_idx" ON "resource_item" USING btree ("organization_id","space_id","folder_id","position","id");--> statement-breakpoint
CREATE INDEX "resource_item_org_folder_idx" ON "resource_item" USING btree ("organization_id","folder_id") WHERE "resource_item"."folder_id" is not null;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_purpose_check" CHECK ("file"."purpose" in ('avatar', 'lead_attachment', 'logo', 'resource'));--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_owner_check" CHECK (("file"."purpose" = 'avatar') = ("file"."member_id" is not null)
          and ("file"."purpose" = 'lead_attachment') = ("file"."lead_id" is not null)
          and ("file"."purpose" = 'resource') = ("file"."space_id" is not null));