CREATE TABLE "billing_invoice" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"member_id" uuid,
	"user_id" uuid,
	"stripe_invoice_id" text NOT NULL,
	"stripe_account_id" text,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"number" text,
	"billing_reason" text,
	"description" text,
	"amount_due" integer NOT NULL,
	"amount_paid" integer NOT NULL,
	"currency" text NOT NULL,
	"hosted_invoice_url" text,
	"invoice_pdf" text,
	"period_start" timestamp (3) with time zone,
	"period_end" timestamp (3) with time zone,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"paid_at" timestamp (3) with time zone,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"stripe_event_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_invoice_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "billing_invoice_org_stripe_unique" UNIQUE("organization_id","stripe_invoice_id"),
	CONSTRAINT "billing_invoice_subject_check" CHECK ("billing_invoice"."subject" in ('organization_plan', 'member_tier')),
	CONSTRAINT "billing_invoice_status_check" CHECK ("billing_invoice"."status" in ('draft', 'open', 'payment_failed', 'paid', 'uncollectible', 'void'))
);
--> statement-breakpoint
CREATE TABLE "credit_pack" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credits" integer NOT NULL,
	"unit_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_pack_credits_check" CHECK ("credit_pack"."credits" > 0),
	CONSTRAINT "credit_pack_unit_amount_check" CHECK ("credit_pack"."unit_amount" >= 50),
	CONSTRAINT "credit_pack_currency_check" CHECK ("credit_pack"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "order" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"buyer_member_id" uuid,
	"buyer_user_id" uuid,
	"amount_total" integer NOT NULL,
	"amount_refunded" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"stripe_account_id" text,
	"stripe_checkout_session_id" text NOT NULL,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"receipt_url" text,
	"paid_at" timestamp (3) with time zone,
	"refunded_at" timestamp (3) with time zone,
	"stripe_event_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "order_org_checkout_session_unique" UNIQUE("organization_id","stripe_checkout_session_id"),
	CONSTRAINT "order_org_payment_intent_unique" UNIQUE("organization_id","stripe_payment_intent_id"),
	CONSTRAINT "order_org_charge_unique" UNIQUE("organization_id","stripe_charge_id"),
	CONSTRAINT "order_purpose_check" CHECK ("order"."purpose" in ('credit_pack', 'lifetime_plan', 'member_tier')),
	CONSTRAINT "order_status_check" CHECK ("order"."status" in ('pending', 'paid', 'refunded', 'partially_refunded', 'failed')),
	CONSTRAINT "order_amount_total_check" CHECK ("order"."amount_total" >= 0),
	CONSTRAINT "order_amount_refunded_check" CHECK ("order"."amount_refunded" between 0 and "order"."amount_total"),
	CONSTRAINT "order_currency_check" CHECK ("order"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "order_item" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"order_id" uuid NOT NULL,
	"product_ref" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_amount" integer NOT NULL,
	"amount" integer NOT NULL,
	"credits" integer,
	CONSTRAINT "order_item_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "order_item_quantity_check" CHECK ("order_item"."quantity" > 0),
	CONSTRAINT "order_item_amount_check" CHECK ("order_item"."amount" >= 0 and "order_item"."unit_amount" >= 0),
	CONSTRAINT "order_item_credits_check" CHECK ("order_item"."credits" is null or "order_item"."credits" > 0)
);
--> statement-breakpoint
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order" ADD CONSTRAINT "order_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order" ADD CONSTRAINT "order_buyer_user_id_user_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order" ADD CONSTRAINT "order_buyer_member_fk" FOREIGN KEY ("organization_id","buyer_member_id") REFERENCES "public"."member"("organization_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_item" ADD CONSTRAINT "order_item_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_item" ADD CONSTRAINT "order_item_order_fk" FOREIGN KEY ("organization_id","order_id") REFERENCES "public"."order"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_invoice_org_issued_idx" ON "billing_invoice" USING btree ("organization_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "billing_invoice_org_user_issued_idx" ON "billing_invoice" USING btree ("organization_id","user_id","issued_at","id");--> statement-breakpoint
CREATE INDEX "order_org_buyer_created_idx" ON "order" USING btree ("organization_id","buyer_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_org_created_idx" ON "order" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_item_org_order_idx" ON "order_item" USING btree ("organization_id","order_id");