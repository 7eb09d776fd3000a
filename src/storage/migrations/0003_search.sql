-- Swedish full-text search (docs/search.md). One search document per §, kept in `search_documents` by
-- statement-level triggers on the tables it is made from, so the index is correct within the same
-- transaction as any change. The tsvector is a generated column over the document's own text columns:
-- a generated column may not read other tables, so the triggers copy the texts of the § (title, text,
-- sections, proposal), its att-satser, its attachments' titles and its meeting's names into the row,
-- together with the columns that searches filter and count on (organisation, body, date, case,
-- published, confidential, decision), so that a search and its facets read this one table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"paragraph_id" uuid PRIMARY KEY NOT NULL REFERENCES "paragraphs"("id") ON DELETE CASCADE,
	"meeting_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"organization_id" uuid,
	"case_id" uuid,
	"case_number" text,
	"held_on" date,
	"year" integer,
	"number" integer,
	"published" boolean NOT NULL,
	"confidential" boolean NOT NULL,
	"is_decision" boolean NOT NULL,
	"title" text NOT NULL,
	"decisions" text NOT NULL,
	"body_text" text NOT NULL,
	"attachments" text NOT NULL,
	"meeting_text" text NOT NULL,
	"document" tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('swedish'::regconfig, "title"), 'A')
		|| setweight(to_tsvector('swedish'::regconfig, "decisions"), 'B')
		|| setweight(to_tsvector('swedish'::regconfig, "body_text"), 'C')
		|| setweight(to_tsvector('swedish'::regconfig, "attachments"), 'C')
		|| setweight(to_tsvector('swedish'::regconfig, "meeting_text"), 'D')
	) STORED
);
--> statement-breakpoint
-- Keep the heap row narrow (ids, dates, flags): the texts and the tsvector move to TOAST, so counting
-- facets over many matches reads few pages, and only ranking and snippets read the documents.
ALTER TABLE "search_documents" SET (toast_tuple_target = 128);
--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING gin ("document");
--> statement-breakpoint
CREATE INDEX "search_documents_title_trgm_idx" ON "search_documents" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_documents_meeting_idx" ON "search_documents" ("meeting_id");
--> statement-breakpoint
CREATE INDEX "search_documents_case_idx" ON "search_documents" ("case_id");
--> statement-breakpoint
CREATE INDEX "search_documents_body_date_idx" ON "search_documents" ("body_id", "held_on");
--> statement-breakpoint
CREATE INDEX "search_documents_organization_date_idx" ON "search_documents" ("organization_id", "held_on");
--> statement-breakpoint
CREATE INDEX "search_documents_date_idx" ON "search_documents" ("held_on");
--> statement-breakpoint
CREATE INDEX "cases_case_number_trgm_idx" ON "cases" USING gin ("case_number" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "persons_name_trgm_idx" ON "persons" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "presenters_name_trgm_idx" ON "presenters" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "reservations_name_trgm_idx" ON "reservations" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "ballots_name_trgm_idx" ON "ballots" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "attendance_name_idx" ON "attendance" ("name");
--> statement-breakpoint
-- Rebuilds the search documents of the given §§ from their sources (a § that no longer exists is
-- skipped; its document went with it through the foreign key).
CREATE FUNCTION "search_refresh_paragraphs"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO search_documents (
		paragraph_id, meeting_id, body_id, organization_id, case_id, case_number, held_on, year, number,
		published, confidential, is_decision, title, decisions, body_text, attachments, meeting_text
	)
	SELECT
		p.id, p.meeting_id, p.body_id, b.organization_id, p.case_id, c.case_number, m.held_on, m.year, p.number,
		m.status IN ('adjusted', 'archived'), p.confidential,
		EXISTS (SELECT 1 FROM decision_points d WHERE d.paragraph_id = p.id),
		p.title,
		coalesce((SELECT string_agg(d.text, E'\n' ORDER BY d.position) FROM decision_points d WHERE d.paragraph_id = p.id), ''),
		concat_ws(E'\n', p.text, p.proposal,
			(SELECT string_agg(concat_ws(E'\n', s->>'heading', s->>'text'), E'\n') FROM jsonb_array_elements(p.sections) s)),
		coalesce((SELECT string_agg(a.title, E'\n' ORDER BY a.position) FROM paragraph_attachments a WHERE a.paragraph_id = p.id), ''),
		concat_ws(E'\n', m.body_as_written, m.organization_as_written)
	FROM paragraphs p
	JOIN meetings m ON m.id = p.meeting_id
	JOIN bodies b ON b.id = p.body_id
	LEFT JOIN cases c ON c.id = p.case_id
	WHERE p.id = ANY (ids)
	ON CONFLICT (paragraph_id) DO UPDATE SET
		meeting_id = excluded.meeting_id, body_id = excluded.body_id, organization_id = excluded.organization_id,
		case_id = excluded.case_id, case_number = excluded.case_number, held_on = excluded.held_on, year = excluded.year,
		number = excluded.number, published = excluded.published, confidential = excluded.confidential,
		is_decision = excluded.is_decision, title = excluded.title, decisions = excluded.decisions,
		body_text = excluded.body_text, attachments = excluded.attachments, meeting_text = excluded.meeting_text;
$$;
--> statement-breakpoint
CREATE FUNCTION "search_paragraphs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM search_refresh_paragraphs(ARRAY(SELECT id FROM new_rows));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "search_paragraphs_inserted" AFTER INSERT ON "paragraphs"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraphs_changed();
--> statement-breakpoint
CREATE TRIGGER "search_paragraphs_updated" AFTER UPDATE ON "paragraphs"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraphs_changed();
--> statement-breakpoint
-- Att-satser and attachments: refresh the §§ they belong (or belonged) to.
CREATE FUNCTION "search_paragraph_parts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER "search_decision_points_inserted" AFTER INSERT ON "decision_points"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
CREATE TRIGGER "search_decision_points_updated" AFTER UPDATE ON "decision_points"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
CREATE TRIGGER "search_decision_points_deleted" AFTER DELETE ON "decision_points"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
CREATE TRIGGER "search_attachments_inserted" AFTER INSERT ON "paragraph_attachments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
CREATE TRIGGER "search_attachments_updated" AFTER UPDATE ON "paragraph_attachments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
CREATE TRIGGER "search_attachments_deleted" AFTER DELETE ON "paragraph_attachments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_parts_changed();
--> statement-breakpoint
-- A meeting's status (published or not), date or names as written changed: refresh its §§.
CREATE FUNCTION "search_meetings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER "search_meetings_updated" AFTER UPDATE ON "meetings"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_meetings_changed();
--> statement-breakpoint
CREATE FUNCTION "search_cases_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT p.id FROM paragraphs p
		JOIN new_rows n ON n.id = p.case_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.case_number IS DISTINCT FROM o.case_number));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "search_cases_updated" AFTER UPDATE ON "cases"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_cases_changed();
--> statement-breakpoint
CREATE FUNCTION "search_bodies_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT p.id FROM paragraphs p
		JOIN new_rows n ON n.id = p.body_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.organization_id IS DISTINCT FROM o.organization_id));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "search_bodies_updated" AFTER UPDATE ON "bodies"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bodies_changed();
--> statement-breakpoint
-- Documents for the §§ stored before this migration.
SELECT search_refresh_paragraphs(ARRAY(SELECT id FROM paragraphs));
