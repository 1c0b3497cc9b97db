CREATE TABLE "connected_account" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"stripe_account_id" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"stripe_updated_at" timestamp (3) with time zone,
	"connected_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connected_account_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "connected_account_org_unique" UNIQUE("organization_id"),
	CONSTRAINT "connected_account_org_stripe_unique" UNIQUE("organization_id","stripe_account_id")
);
--> statement-breakpoint
CREATE TABLE "member_tier" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"monthly_price" integer,
	"yearly_price" integer,
	"lifetime_price" integer,
	"stripe_product_id" text,
	"stripe_monthly_price_id" text,
	"stripe_yearly_price_id" text,
	"stripe_lifetime_price_id" text,
	"trial_days" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_tier_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "member_tier_status_check" CHECK ("member_tier"."status" in ('active', 'archived')),
	CONSTRAINT "member_tier_currency_check" CHECK ("member_tier"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "member_tier_prices_check" CHECK (coalesce("member_tier"."monthly_price", 1) > 0 and coalesce("member_tier"."yearly_price", 1) > 0 and coalesce("member_tier"."lifetime_price", 1) > 0),
	CONSTRAINT "member_tier_trial_days_check" CHECK ("member_tier"."trial_days" between 0 and 730)
);
--> statement-breakpoint
CREATE TABLE "member_tier_state" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"interval" text,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"stripe_checkout_session_id" text,
	"current_period_end" timestamp (3) with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"past_due_since" timestamp (3) with time zone,
	"stripe_object_created_at" timestamp (3) with time zone,
	"stripe_event_at" timestamp (3) with time zone,
	"granted_by_member_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_tier_state_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "member_tier_state_org_member_unique" UNIQUE("organization_id","member_id"),
	CONSTRAINT "member_tier_state_org_subscription_unique" UNIQUE("organization_id","stripe_subscription_id"),
	CONSTRAINT "member_tier_state_status_check" CHECK ("member_tier_state"."status" in ('active', 'trialing', 'past_due', 'unpaid', 'canceled', 'none')),
	CONSTRAINT "member_tier_state_source_check" CHECK ("member_tier_state"."source" in ('stripe', 'comp', 'free')),
	CONSTRAINT "member_tier_state_interval_check" CHECK ("member_tier_state"."interval" in ('month', 'year', 'lifetime'))
);
--> statement-breakpoint
ALTER TABLE "connected_account" ADD CONSTRAINT "connected_account_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connected_account" ADD CONSTRAINT "connected_account_connected_by_member_fk" FOREIGN KEY ("organization_id","connected_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier" ADD CONSTRAINT "member_tier_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier_state" ADD CONSTRAINT "member_tier_state_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier_state" ADD CONSTRAINT "member_tier_state_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier_state" ADD CONSTRAINT "member_tier_state_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier_state" ADD CONSTRAINT "member_tier_state_tier_fk" FOREIGN KEY ("organization_id","tier_id") REFERENCES "public"."member_tier"("organization_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tier_state" ADD CONSTRAINT "member_tier_state_granted_by_member_fk" FOREIGN KEY ("organization_id","granted_by_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_tier_org_sort_idx" ON "member_tier" USING btree ("organization_id","sort_order","name");--> statement-breakpoint
CREATE INDEX "member_tier_state_org_tier_idx" ON "member_tier_state" USING btree ("organization_id","tier_id");--> statement-breakpoint
CREATE INDEX "member_tier_state_org_user_idx" ON "member_tier_state" USING btree ("organization_id","user_id");