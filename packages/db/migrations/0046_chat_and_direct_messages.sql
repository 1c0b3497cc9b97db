CREATE TABLE "chat_message" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"space_id" uuid NOT NULL,
	"author_member_id" uuid,
	"body" text NOT NULL,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "chat_message_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "chat_message_body_check" CHECK (length("chat_message"."body") <= 4000 and ("chat_message"."deleted_at" is not null or length("chat_message"."body") >= 1))
);
--> statement-breakpoint
CREATE TABLE "conversation" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_member_id" uuid,
	"pair_key" text,
	"last_message_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "conversation_org_pair_key" UNIQUE("organization_id","pair_key")
);
--> statement-breakpoint
CREATE TABLE "conversation_member" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"last_read_at" timestamp (3) with time zone,
	CONSTRAINT "conversation_member_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "conversation_member_org_conversation_member_key" UNIQUE("organization_id","conversation_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "direct_message" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author_member_id" uuid,
	"body" text NOT NULL,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "direct_message_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "direct_message_body_check" CHECK (length("direct_message"."body") <= 4000 and ("direct_message"."deleted_at" is not null or length("direct_message"."body") >= 1))
);
--> statement-breakpoint
CREATE TABLE "member_block" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"blocked_member_id" uuid NOT NULL,
	CONSTRAINT "member_block_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "member_block_org_member_blocked_key" UNIQUE("organization_id","member_id","blocked_member_id"),
	CONSTRAINT "member_block_not_self_check" CHECK ("member_block"."member_id" <> "member_block"."blocked_member_id")
);
--> statement-breakpoint
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_space_fk" FOREIGN KEY ("organization_id","space_id") REFERENCES "public"."space"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_author_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_created_by_fk" FOREIGN KEY ("organization_id","created_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_conversation_fk" FOREIGN KEY ("organization_id","conversation_id") REFERENCES "public"."conversation"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_conversation_fk" FOREIGN KEY ("organization_id","conversation_id") REFERENCES "public"."conversation"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_message" ADD CONSTRAINT "direct_message_author_fk" FOREIGN KEY ("organization_id","author_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_blocked_fk" FOREIGN KEY ("organization_id","blocked_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_message_space_created_idx" ON "chat_message" USING btree ("organization_id","space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "conversation_org_last_message_idx" ON "conversation" USING btree ("organization_id","last_message_at","id");--> statement-breakpoint
CREATE INDEX "conversation_member_org_member_idx" ON "conversation_member" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "direct_message_conversation_created_idx" ON "direct_message" USING btree ("organization_id","conversation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "member_block_org_blocked_idx" ON "member_block" USING btree ("organization_id","blocked_member_id");