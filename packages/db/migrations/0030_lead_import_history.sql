ALTER TABLE "lead_import" DROP CONSTRAINT "lead_import_status_check";--> statement-breakpoint
ALTER TABLE "lead_import" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "lead_import" ADD COLUMN "file_size" bigint;--> statement-breakpoint
ALTER TABLE "lead_import" ADD COLUMN "column_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "lead_import" ADD COLUMN "cancelled_by_member_id" uuid;--> statement-breakpoint
ALTER TABLE "lead_import" ADD CONSTRAINT "lead_import_cancelled_by_member_fk" FOREIGN KEY ("organization_id","cancelled_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_import_org_upload_idx" ON "lead_import" USING btree ("organization_id","content_hash","file_size") WHERE "lead_import"."status" = 'uploading';--> statement-breakpoint
ALTER TABLE "lead_import" ADD CONSTRAINT "lead_import_status_check" CHECK ("lead_import"."status" in ('uploading', 'queued', 'running', 'done', 'rejected', 'failed', 'cancelled'));