import { defineConfig } from "drizzle-kit";

// Generation works offline from the schema; db:migrate runs migrations from code (src/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/guild" },
});
