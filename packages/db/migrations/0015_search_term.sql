CREATE TABLE "search_term" (
	"organization_id" uuid NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"target_id" uuid NOT NULL,
	"term" text COLLATE "C" NOT NULL,
	CONSTRAINT "search_term_pk" PRIMARY KEY("organization_id","kind","target_id","term")
);
--> statement-breakpoint
DROP INDEX "lead_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "search_term" ADD CONSTRAINT "search_term_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_term_term_idx" ON "search_term" USING btree ("organization_id","kind","term","target_id");