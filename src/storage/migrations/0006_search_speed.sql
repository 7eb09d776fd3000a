-- Search speed (docs/search.md, "Performance").
--
-- Bulk loads: the statement-level triggers of 0003 refresh a § once per table written (the §, its
-- att-satser, its attachments, its meeting's adjustment), so loading minutes rebuilds each search
-- document about four times. A loader that writes many minutes in one transaction may instead set
-- `protokoll.search_refresh` to 'deferred' for that transaction (`set_config(…, true)`) and call
-- `search_refresh_paragraphs(ids)` once for the §§ it wrote, before it commits. Every other writer
-- (the setting is unset) keeps the same-transaction refresh of 0003, row by row or statement by statement.
CREATE FUNCTION "search_refresh_is_deferred"() RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce(current_setting('protokoll.search_refresh', true), '') = 'deferred'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_paragraphs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	PERFORM search_refresh_paragraphs(ARRAY(SELECT id FROM new_rows));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_paragraph_parts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		PERFORM search_refresh_paragraphs(ARRAY(SELECT DISTINCT paragraph_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM search_refresh_paragraphs(ARRAY(SELECT DISTINCT paragraph_id FROM old_rows));
	ELSE
		PERFORM search_refresh_paragraphs(ARRAY(
			SELECT paragraph_id FROM new_rows UNION SELECT paragraph_id FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_meetings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT p.id FROM paragraphs p
		JOIN new_rows n ON n.id = p.meeting_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.status IS DISTINCT FROM o.status OR n.held_on IS DISTINCT FROM o.held_on
			OR n.year IS DISTINCT FROM o.year OR n.body_as_written IS DISTINCT FROM o.body_as_written
			OR n.organization_as_written IS DISTINCT FROM o.organization_as_written));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_cases_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT p.id FROM paragraphs p
		JOIN new_rows n ON n.id = p.case_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.case_number IS DISTINCT FROM o.case_number));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "search_bodies_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT p.id FROM paragraphs p
		JOIN new_rows n ON n.id = p.body_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.organization_id IS DISTINCT FROM o.organization_id));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Searches count and rank only the newest matches (MAX_COUNTED_MATCHES in search.service.ts). For a
-- very common word the quickest way to the newest matches is to walk an index in date order and stop
-- early; these indexes give that order within the filters searches use, for the public view only
-- (adjusted minutes, no confidential §: the partial predicate is the public filter, so it also skips
-- those rows without reading them). Rarer words still start from the GIN index.
CREATE INDEX "search_documents_public_date_idx" ON "search_documents" ("held_on" DESC NULLS LAST)
	WHERE "published" AND NOT "confidential";
--> statement-breakpoint
CREATE INDEX "search_documents_public_year_idx" ON "search_documents" ("year", "held_on" DESC NULLS LAST)
	WHERE "published" AND NOT "confidential";
--> statement-breakpoint
CREATE INDEX "search_documents_public_organization_idx" ON "search_documents" ("organization_id", "held_on" DESC NULLS LAST)
	WHERE "published" AND NOT "confidential";
--> statement-breakpoint
CREATE INDEX "search_documents_public_body_idx" ON "search_documents" ("body_id", "held_on" DESC NULLS LAST)
	WHERE "published" AND NOT "confidential";
--> statement-breakpoint
-- Whether to walk a date index or start from the GIN index depends on how common the words are: keep
-- statistics on ten times as many lexemes as the default, so that fewer words get the planner's guess.
ALTER TABLE "search_documents" ALTER COLUMN "document" SET STATISTICS 1000;
