CREATE TABLE "lead_import" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_member_id" uuid,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'uploading' NOT NULL,
	"bad_rows" text NOT NULL,
	"total_rows" integer NOT NULL,
	"received_rows" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"duplicate_rows" integer DEFAULT 0 NOT NULL,
	"processed_through" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_import_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "lead_import_status_check" CHECK ("lead_import"."status" in ('uploading', 'queued', 'running', 'done', 'rejected')),
	CONSTRAINT "lead_import_bad_rows_check" CHECK ("lead_import"."bad_rows" in ('skip', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "lead_import_row" (
	"organization_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"values" jsonb NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"lead_id" uuid,
	CONSTRAINT "lead_import_row_pk" PRIMARY KEY("organization_id","import_id","row_number"),
	CONSTRAINT "lead_import_row_status_check" CHECK ("lead_import_row"."status" in ('pending', 'invalid', 'imported', 'duplicate'))
);
--> statement-breakpoint
ALTER TABLE "lead_import" ADD CONSTRAINT "lead_import_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_import" ADD CONSTRAINT "lead_import_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_import_row" ADD CONSTRAINT "lead_import_row_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_import_row" ADD CONSTRAINT "lead_import_row_import_fk" FOREIGN KEY ("organization_id","import_id") REFERENCES "public"."lead_import"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_import_org_created_idx" ON "lead_import" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "lead_import_row_invalid_idx" ON "lead_import_row" USING btree ("organization_id","import_id","row_number") WHERE "lead_import_row"."status" = 'invalid';--> statement-breakpoint
CREATE INDEX "lead_org_email_idx" ON "lead" USING btree ("organization_id","email") WHERE "lead"."deleted_at" is null;