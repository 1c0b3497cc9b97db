CREATE TABLE "table_preference" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"table_key" text NOT NULL,
	"hidden_columns" text[] NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "table_preference_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "table_preference_organization_id_member_id_table_key_key" UNIQUE("organization_id","member_id","table_key")
);
--> statement-breakpoint
ALTER TABLE "table_preference" ADD CONSTRAINT "table_preference_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_preference" ADD CONSTRAINT "table_preference_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;