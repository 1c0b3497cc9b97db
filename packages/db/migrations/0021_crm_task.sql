CREATE TABLE "crm_task" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"due_at" timestamp (3) with time zone NOT NULL,
	"assignee_member_id" uuid,
	"lead_id" uuid,
	"done_at" timestamp (3) with time zone,
	"reminded_at" timestamp (3) with time zone,
	"created_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "crm_task_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm_task" ADD CONSTRAINT "crm_task_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_task" ADD CONSTRAINT "crm_task_assignee_member_fk" FOREIGN KEY ("organization_id","assignee_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_task" ADD CONSTRAINT "crm_task_created_by_member_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_task" ADD CONSTRAINT "crm_task_lead_fk" FOREIGN KEY ("organization_id","lead_id") REFERENCES "public"."lead"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_task_org_assignee_open_due_idx" ON "crm_task" USING btree ("organization_id","assignee_member_id","due_at","id") WHERE "crm_task"."deleted_at" is null and "crm_task"."done_at" is null;--> statement-breakpoint
CREATE INDEX "crm_task_org_assignee_done_idx" ON "crm_task" USING btree ("organization_id","assignee_member_id","done_at","id") WHERE "crm_task"."deleted_at" is null and "crm_task"."done_at" is not null;--> statement-breakpoint
CREATE INDEX "crm_task_org_lead_due_idx" ON "crm_task" USING btree ("organization_id","lead_id","due_at","id") WHERE "crm_task"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "crm_task_org_deleted_idx" ON "crm_task" USING btree ("organization_id","deleted_at") WHERE "crm_task"."deleted_at" is not null;