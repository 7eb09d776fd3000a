-- The text inside underlag (files attached to a §), for internal searches only (docs/search.md,
-- "Public and internal"). Underlag are for the members: the web lets only those who may read the
-- meeting download them, so their words must never reach a public hit or snippet. They get a vector
-- of their own beside `document`: public searches keep matching, ranking and quoting `document` alone
-- (with the same indexes and plans as before); internal searches add `attachment_vector`.
--
-- `files.text_content` is the text extracted when a file is attached (PDF text layer, DOCX, plain
-- text), NULL when there is none (images, scans, other types, a failed or too slow extraction).
ALTER TABLE "files" ADD COLUMN "text_content" text;
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "attachment_text" text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "attachment_vector" tsvector
	GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, "attachment_text")) STORED;
--> statement-breakpoint
CREATE INDEX "search_documents_attachment_vector_idx" ON "search_documents" USING gin ("attachment_vector");
--> statement-breakpoint
-- As in 0003, plus `attachment_text`: the texts of the §'s attached files in attachment order, cut at
-- 200 000 characters so that the tsvector stays well below PostgreSQL's 1 MB limit.
CREATE OR REPLACE FUNCTION "search_refresh_paragraphs"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO search_documents (
		paragraph_id, meeting_id, body_id, organization_id, case_id, case_number, held_on, year, number,
		published, confidential, is_decision, title, decisions, body_text, attachments, meeting_text, attachment_text
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
		concat_ws(E'\n', m.body_as_written, m.organization_as_written),
		coalesce(left((SELECT string_agg(f.text_content, E'\n\n' ORDER BY a.position)
			FROM paragraph_attachments a JOIN files f ON f.id = a.file_id
			WHERE a.paragraph_id = p.id AND f.text_content IS NOT NULL), 200000), '')
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
		body_text = excluded.body_text, attachments = excluded.attachments, meeting_text = excluded.meeting_text,
		attachment_text = excluded.attachment_text;
$$;
--> statement-breakpoint
-- A file's text set or changed later (the same file attached again after an extraction that failed or
-- predates this migration): refresh the §§ it is attached to.
CREATE FUNCTION "search_files_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF search_refresh_is_deferred() THEN
		RETURN NULL;
	END IF;
	PERFORM search_refresh_paragraphs(ARRAY(
		SELECT DISTINCT a.paragraph_id FROM paragraph_attachments a
		JOIN new_rows n ON n.id = a.file_id
		JOIN old_rows o ON o.id = n.id
		WHERE n.text_content IS DISTINCT FROM o.text_content));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "search_files_updated" AFTER UPDATE ON "files"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_files_changed();
