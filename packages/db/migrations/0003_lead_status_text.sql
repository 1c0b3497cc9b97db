ALTER TABLE "lead" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "lead" ALTER COLUMN "status" SET DEFAULT 'new';--> statement-breakpoint
ALTER TABLE "lead" ALTER COLUMN "source" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "lead" ALTER COLUMN "source" SET DEFAULT 'other';--> statement-breakpoint
ALTER TABLE "lead" ADD CONSTRAINT "lead_status_check" CHECK ("lead"."status" in ('new', 'contacted', 'qualified', 'proposal', 'negotiation', 'won', 'lost'));--> statement-breakpoint
ALTER TABLE "lead" ADD CONSTRAINT "lead_source_check" CHECK ("lead"."source" in ('website', 'referral', 'social', 'event', 'outbound', 'other'));--> statement-breakpoint
DROP TYPE "public"."lead_source";--> statement-breakpoint
DROP TYPE "public"."lead_status";