CREATE TABLE "credit_account" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_account_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "credit_account_org_member_unique" UNIQUE("organization_id","member_id"),
	CONSTRAINT "credit_account_balance_check" CHECK ("credit_account"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "credit_entry" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"description" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"lot_id" uuid,
	"expires_at" timestamp (3) with time zone,
	"reference" text,
	"actor_member_id" uuid,
	CONSTRAINT "credit_entry_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "credit_entry_org_member_key_unique" UNIQUE("organization_id","member_id","idempotency_key"),
	CONSTRAINT "credit_entry_org_member_seq_unique" UNIQUE("organization_id","member_id","seq"),
	CONSTRAINT "credit_entry_kind_check" CHECK ("credit_entry"."kind" in ('signup_bonus', 'monthly_grant', 'purchase', 'admin_bonus', 'spend', 'expiry', 'refund')),
	CONSTRAINT "credit_entry_balance_after_check" CHECK ("credit_entry"."balance_after" >= 0),
	CONSTRAINT "credit_entry_amount_sign_check" CHECK (case when "credit_entry"."kind" in ('spend', 'expiry') then "credit_entry"."amount" < 0
               when "credit_entry"."kind" = 'refund' then "credit_entry"."amount" <= 0
               else "credit_entry"."amount" > 0 end)
);
--> statement-breakpoint
CREATE TABLE "credit_lot" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"remaining" integer NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"expired_at" timestamp (3) with time zone,
	"refunded_at" timestamp (3) with time zone,
	CONSTRAINT "credit_lot_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "credit_lot_kind_check" CHECK ("credit_lot"."kind" in ('signup_bonus', 'monthly_grant', 'purchase', 'admin_bonus')),
	CONSTRAINT "credit_lot_amount_check" CHECK ("credit_lot"."amount" > 0),
	CONSTRAINT "credit_lot_remaining_check" CHECK ("credit_lot"."remaining" between 0 and "credit_lot"."amount")
);
--> statement-breakpoint
CREATE TABLE "credit_signup_bonus" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"granted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_account" ADD CONSTRAINT "credit_account_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_account" ADD CONSTRAINT "credit_account_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entry" ADD CONSTRAINT "credit_entry_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entry" ADD CONSTRAINT "credit_entry_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entry" ADD CONSTRAINT "credit_entry_lot_fk" FOREIGN KEY ("organization_id","lot_id") REFERENCES "public"."credit_lot"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entry" ADD CONSTRAINT "credit_entry_actor_member_fk" FOREIGN KEY ("organization_id","actor_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lot" ADD CONSTRAINT "credit_lot_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lot" ADD CONSTRAINT "credit_lot_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_signup_bonus" ADD CONSTRAINT "credit_signup_bonus_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_lot_org_member_spend_idx" ON "credit_lot" USING btree ("organization_id","member_id","expires_at","created_at","id") WHERE "credit_lot"."remaining" > 0;