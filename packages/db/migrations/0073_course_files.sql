ALTER TABLE "file" DROP CONSTRAINT "file_purpose_check";--> statement-breakpoint
ALTER TABLE "file" DROP CONSTRAINT "file_owner_check";--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_purpose_check" CHECK ("file"."purpose" in ('avatar', 'lead_attachment', 'logo', 'resource', 'post_image', 'course_file'));--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_owner_check" CHECK (("file"."purpose" = 'avatar') = ("file"."member_id" is not null)
          and ("file"."purpose" = 'lead_attachment') = ("file"."lead_id" is not null)
          and ("file"."purpose" in ('resource', 'post_image', 'course_file')) = ("file"."space_id" is not null));