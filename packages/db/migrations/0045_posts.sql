CREATE TABLE "comment" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"parent_comment_id" uuid,
	"depth" smallint DEFAULT 0 NOT NULL,
	"author_member_id" uuid,
	"body" text NOT NULL,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	"hidden_at" timestamp (3) with time zone,
	"score" integer DEFAULT 0 NOT NULL,
	"reaction_count" integer DEFAULT 0 NOT NULL,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "comment_org_post_id_unique" UNIQUE("organization_id","post_id","id"),
	CONSTRAINT "comment_depth_check" CHECK ("comment"."depth" between 0 and 5 and ("comment"."parent_comment_id" is null) = ("comment"."depth" = 0)),
	CONSTRAINT "comment_body_check" CHECK (char_length("comment"."body") <= 10000 and ("comment"."deleted_at" is not null or char_length(btrim("comment"."body")) >= 1)),
	CONSTRAINT "comment_counts_check" CHECK ("comment"."reaction_count" >= 0 and "comment"."reply_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "post" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"author_member_id" uuid,
	"title" text,
	"body" text DEFAULT '' NOT NULL,
	"type" text DEFAULT 'discussion' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp (3) with time zone,
	"pinned_at" timestamp (3) with time zone,
	"locked_at" timestamp (3) with time zone,
	"hidden_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	"edited_at" timestamp (3) with time zone,
	"view_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"reaction_count" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "post_org_space_id_unique" UNIQUE("organization_id","space_id","id"),
	CONSTRAINT "post_type_check" CHECK ("post"."type" in ('discussion', 'question', 'announcement', 'resource')),
	CONSTRAINT "post_status_check" CHECK ("post"."status" in ('draft', 'published')),
	CONSTRAINT "post_title_check" CHECK ("post"."title" is null or char_length(btrim("post"."title")) between 1 and 200),
	CONSTRAINT "post_body_check" CHECK (char_length("post"."body") <= 40000 and ("post"."title" is not null or char_length(btrim("post"."body")) between 1 and 500)),
	CONSTRAINT "post_tags_check" CHECK (cardinality("post"."tags") <= 5 and array_position("post"."tags", null) is null and (cardinality("post"."tags") = 0 or array_to_string("post"."tags", ' ') ~ '^[a-z0-9-]{1,30}( [a-z0-9-]{1,30})*$')),
	CONSTRAINT "post_published_check" CHECK (("post"."status" = 'published') = ("post"."published_at" is not null)),
	CONSTRAINT "post_counts_check" CHECK ("post"."view_count" >= 0 and "post"."comment_count" >= 0 and "post"."reaction_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_post_fk" FOREIGN KEY ("organization_id","space_id","post_id") REFERENCES "public"."post"("organization_id","space_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_parent_fk" FOREIGN KEY ("organization_id","post_id","parent_comment_id") REFERENCES "public"."comment"("organization_id","post_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_author_member_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post" ADD CONSTRAINT "post_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post" ADD CONSTRAINT "post_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post" ADD CONSTRAINT "post_author_member_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_org_post_parent_created_idx" ON "comment" USING btree ("organization_id","post_id","parent_comment_id","created_at","id");--> statement-breakpoint
CREATE INDEX "comment_org_author_idx" ON "comment" USING btree ("organization_id","author_member_id","created_at","id");--> statement-breakpoint
CREATE INDEX "post_org_space_published_idx" ON "post" USING btree ("organization_id","space_id","published_at","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_published_idx" ON "post" USING btree ("organization_id","published_at","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_space_score_idx" ON "post" USING btree ("organization_id","space_id","score","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_score_idx" ON "post" USING btree ("organization_id","score","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_space_activity_idx" ON "post" USING btree ("organization_id","space_id","last_activity_at","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_activity_idx" ON "post" USING btree ("organization_id","last_activity_at","id") WHERE "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_space_pinned_idx" ON "post" USING btree ("organization_id","space_id","pinned_at") WHERE "post"."pinned_at" is not null and "post"."published_at" is not null and "post"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "post_org_author_idx" ON "post" USING btree ("organization_id","author_member_id","updated_at","id");