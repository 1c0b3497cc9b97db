CREATE TABLE "organization_ban" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"banned_by_member_id" uuid,
	"lifted_at" timestamp (3) with time zone,
	"lifted_by_member_id" uuid,
	CONSTRAINT "organization_ban_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "organization_ban_reason_check" CHECK (char_length("organization_ban"."reason") <= 500)
);
--> statement-breakpoint
ALTER TABLE "organization_ban" ADD CONSTRAINT "organization_ban_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ban" ADD CONSTRAINT "organization_ban_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ban" ADD CONSTRAINT "organization_ban_banned_by_member_fk" FOREIGN KEY ("organization_id","banned_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ban" ADD CONSTRAINT "organization_ban_lifted_by_member_fk" FOREIGN KEY ("organization_id","lifted_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_ban_in_force_unique" ON "organization_ban" USING btree ("organization_id","user_id") WHERE "organization_ban"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "organization_ban_org_created_idx" ON "organization_ban" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "organization_ban_org_banned_by_idx" ON "organization_ban" USING btree ("organization_id","banned_by_member_id");--> statement-breakpoint
CREATE INDEX "organization_ban_org_lifted_by_idx" ON "organization_ban" USING btree ("organization_id","lifted_by_member_id");