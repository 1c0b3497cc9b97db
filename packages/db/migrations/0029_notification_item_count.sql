ALTER TABLE "notification" ADD COLUMN "item_count" integer;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_item_count_check" CHECK ("notification"."item_count" > 0);