CREATE TABLE "billing_customer" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_customer_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "billing_customer_org_unique" UNIQUE("organization_id"),
	CONSTRAINT "billing_customer_org_stripe_unique" UNIQUE("organization_id","stripe_customer_id")
);
--> statement-breakpoint
CREATE TABLE "organization_subscription" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_price_id" uuid,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"stripe_subscription_id" text,
	"seats" integer DEFAULT 1 NOT NULL,
	"current_period_start" timestamp (3) with time zone,
	"current_period_end" timestamp (3) with time zone,
	"trial_end" timestamp (3) with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"canceled_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"grace_until" timestamp (3) with time zone,
	"stripe_updated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_subscription_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "organization_subscription_org_stripe_unique" UNIQUE("organization_id","stripe_subscription_id"),
	CONSTRAINT "organization_subscription_status_check" CHECK ("organization_subscription"."status" in ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'paused')),
	CONSTRAINT "organization_subscription_source_check" CHECK ("organization_subscription"."source" in ('stripe', 'lifetime', 'comp')),
	CONSTRAINT "organization_subscription_seats_check" CHECK ("organization_subscription"."seats" >= 0),
	CONSTRAINT "organization_subscription_stripe_id_check" CHECK (("organization_subscription"."source" = 'stripe') = ("organization_subscription"."stripe_subscription_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "organization_subscription_item" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"plan_price_id" uuid NOT NULL,
	"stripe_subscription_item_id" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_subscription_item_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "organization_subscription_item_price_unique" UNIQUE("organization_id","subscription_id","plan_price_id"),
	CONSTRAINT "organization_subscription_item_stripe_unique" UNIQUE("organization_id","stripe_subscription_item_id"),
	CONSTRAINT "organization_subscription_item_quantity_check" CHECK ("organization_subscription_item"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"trial_days" integer DEFAULT 0 NOT NULL,
	"entitlements" jsonb NOT NULL,
	"stripe_product_id" text,
	"stripe_synced_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_key_unique" UNIQUE("key"),
	CONSTRAINT "plan_stripe_product_id_unique" UNIQUE("stripe_product_id"),
	CONSTRAINT "plan_key_check" CHECK ("plan"."key" ~ '^[a-z][a-z0-9_-]{0,39}$'),
	CONSTRAINT "plan_trial_days_check" CHECK ("plan"."trial_days" between 0 and 365),
	CONSTRAINT "plan_entitlements_check" CHECK (jsonb_typeof("plan"."entitlements") = 'object')
);
--> statement-breakpoint
CREATE TABLE "plan_price" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"lookup_key" text,
	"interval" text NOT NULL,
	"currency" text NOT NULL,
	"unit_amount" integer NOT NULL,
	"per_seat" boolean DEFAULT false NOT NULL,
	"stripe_price_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"stripe_synced_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_price_lookup_key_unique" UNIQUE("lookup_key"),
	CONSTRAINT "plan_price_stripe_price_id_unique" UNIQUE("stripe_price_id"),
	CONSTRAINT "plan_price_interval_check" CHECK ("plan_price"."interval" in ('month', 'year', 'lifetime')),
	CONSTRAINT "plan_price_currency_check" CHECK ("plan_price"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "plan_price_unit_amount_check" CHECK ("plan_price"."unit_amount" >= 0),
	CONSTRAINT "plan_price_lifetime_flat_check" CHECK (not ("plan_price"."interval" = 'lifetime' and "plan_price"."per_seat"))
);
--> statement-breakpoint
ALTER TABLE "billing_customer" ADD CONSTRAINT "billing_customer_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription" ADD CONSTRAINT "organization_subscription_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription" ADD CONSTRAINT "organization_subscription_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription" ADD CONSTRAINT "organization_subscription_plan_price_id_plan_price_id_fk" FOREIGN KEY ("plan_price_id") REFERENCES "public"."plan_price"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription_item" ADD CONSTRAINT "organization_subscription_item_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription_item" ADD CONSTRAINT "organization_subscription_item_plan_price_id_plan_price_id_fk" FOREIGN KEY ("plan_price_id") REFERENCES "public"."plan_price"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_subscription_item" ADD CONSTRAINT "organization_subscription_item_subscription_fk" FOREIGN KEY ("organization_id","subscription_id") REFERENCES "public"."organization_subscription"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_price" ADD CONSTRAINT "plan_price_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_customer_stripe_idx" ON "billing_customer" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_subscription_one_current" ON "organization_subscription" USING btree ("organization_id") WHERE "organization_subscription"."status" not in ('incomplete_expired', 'canceled');--> statement-breakpoint
CREATE INDEX "organization_subscription_stripe_idx" ON "organization_subscription" USING btree ("stripe_subscription_id") WHERE "organization_subscription"."stripe_subscription_id" is not null;--> statement-breakpoint
CREATE INDEX "plan_price_plan_idx" ON "plan_price" USING btree ("plan_id");