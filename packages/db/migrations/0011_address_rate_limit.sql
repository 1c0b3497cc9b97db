CREATE TABLE "address_rate_limit" (
	"key" text NOT NULL,
	"address_hash" text NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "address_rate_limit_key_address_hash_pk" PRIMARY KEY("key","address_hash")
);
