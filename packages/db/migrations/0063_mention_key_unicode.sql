ALTER TABLE "member_profile" drop column "display_name_key";--> statement-breakpoint
-- Lowered under the builtin "pg_c_utf8" collation (PostgreSQL 17+). PostgreSQL 15 and 16 (Debian
-- 12's cluster, which db:backup's test dumps from) have none: there the operating system's C.UTF-8
-- lowers the same Unicode capitals, else the database's default collation — chosen as in 0016.
DO $$
DECLARE
  key_collation text := coalesce(
    (SELECT collname FROM pg_collation
     WHERE collname IN ('pg_c_utf8', 'C.utf8', 'C.UTF-8')
       AND collencoding IN (-1, pg_char_to_encoding('UTF8'))
     ORDER BY collname = 'pg_c_utf8' DESC, collname
     LIMIT 1),
    'default');
BEGIN
  EXECUTE format(
    'ALTER TABLE "member_profile" ADD COLUMN "display_name_key" text GENERATED ALWAYS AS (lower(display_name COLLATE %I)) STORED NOT NULL',
    key_collation);
END
$$;--> statement-breakpoint
-- Dropping the column dropped its index (0059): the same index again, on the new key.
CREATE INDEX "member_profile_org_display_name_key_idx" ON "member_profile" USING btree ("organization_id","display_name_key" text_pattern_ops);
