CREATE TABLE "space_read" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"last_read_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "space_read_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "space_read_org_member_space_unique" UNIQUE("organization_id","member_id","space_id")
);
--> statement-breakpoint
ALTER TABLE "space_read" ADD CONSTRAINT "space_read_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_read" ADD CONSTRAINT "space_read_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_read" ADD CONSTRAINT "space_read_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_read_org_space_idx" ON "space_read" USING btree ("organization_id","space_id");