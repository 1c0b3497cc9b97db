CREATE TABLE "reaction" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"comment_id" uuid,
	"member_id" uuid,
	"emoji" text NOT NULL,
	CONSTRAINT "reaction_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "reaction_emoji_check" CHECK ("reaction"."emoji" in ('like', 'love', 'laugh', 'celebrate', 'wow', 'thanks'))
);
--> statement-breakpoint
CREATE TABLE "vote" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"comment_id" uuid,
	"member_id" uuid,
	"value" smallint NOT NULL,
	CONSTRAINT "vote_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "vote_value_check" CHECK ("vote"."value" in (-1, 1))
);
--> statement-breakpoint
ALTER TABLE "reaction" ADD CONSTRAINT "reaction_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction" ADD CONSTRAINT "reaction_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction" ADD CONSTRAINT "reaction_post_fk" FOREIGN KEY ("organization_id","space_id","post_id") REFERENCES "public"."post"("organization_id","space_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "reaction" ADD CONSTRAINT "reaction_comment_fk" FOREIGN KEY ("organization_id","post_id","comment_id") REFERENCES "public"."comment"("organization_id","post_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction" ADD CONSTRAINT "reaction_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_post_fk" FOREIGN KEY ("organization_id","space_id","post_id") REFERENCES "public"."post"("organization_id","space_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_comment_fk" FOREIGN KEY ("organization_id","post_id","comment_id") REFERENCES "public"."comment"("organization_id","post_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reaction_org_post_emoji_member_unique" ON "reaction" USING btree ("organization_id","post_id","emoji","member_id") WHERE "reaction"."comment_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reaction_org_comment_emoji_member_unique" ON "reaction" USING btree ("organization_id","comment_id","emoji","member_id") WHERE "reaction"."comment_id" is not null;--> statement-breakpoint
CREATE INDEX "reaction_org_member_post_idx" ON "reaction" USING btree ("organization_id","member_id","post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_org_post_member_unique" ON "vote" USING btree ("organization_id","post_id","member_id") WHERE "vote"."comment_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vote_org_comment_member_unique" ON "vote" USING btree ("organization_id","comment_id","member_id") WHERE "vote"."comment_id" is not null;--> statement-breakpoint
CREATE INDEX "vote_org_member_post_idx" ON "vote" USING btree ("organization_id","member_id","post_id");