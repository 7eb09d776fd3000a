-- A case number typed into search is found by its normalised form (lower case, letters and digits only)
-- through this index; before, every search for a case number compared it by trigram similarity with
-- every case (a sequential scan: 1 s at 370 000 cases, docs/search.md). The similarity search remains
-- the fallback for a number that matches none exactly.
CREATE INDEX IF NOT EXISTS "cases_case_number_normalized_idx" ON "cases" USING btree ((regexp_replace(lower("case_number"), '[^[:alnum:]]', '', 'g')));
