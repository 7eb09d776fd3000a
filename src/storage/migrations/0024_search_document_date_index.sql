-- One GIN index over a §'s words and its meeting date (btree_gin adds the date to GIN), for the public's
-- §§. A search for words in one § of fifty asks first for the matches in a recent date range
-- (docs/search.md): with this index PostgreSQL finds the §§ that have the words *and* fall in the range
-- in the index alone, and reads only those rows. With the words' index and the date index apart, the
-- planner, which reads a phrase's words as independent and rare, took every match's row (18 000 at
-- 1 000 000 §§) and filtered the dates afterwards.
--
-- Only where btree_gin is available: a PostgreSQL server with its contrib modules (Debian's has them).
-- The embedded PGlite is not given btree_gin: with it loaded (PGlite 0.5.16) a statement with
-- `where false` over search_documents never returned; its archives are small enough to do without
-- (docs/decisions.md, 2026-12-04).
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin') THEN
		CREATE EXTENSION IF NOT EXISTS btree_gin;
		CREATE INDEX IF NOT EXISTS "search_documents_public_document_date_idx" ON "search_documents" USING gin ("document", "held_on")
			WHERE "published" AND NOT "confidential";
	END IF;
END $$;
