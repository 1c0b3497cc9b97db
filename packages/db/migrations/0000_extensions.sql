-- Extensions the schema relies on: substring search (pg_trgm) combined with organization_id in
-- one GIN index (btree_gin).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;
