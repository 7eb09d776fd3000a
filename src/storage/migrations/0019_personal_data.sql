-- Issue 17: publishing lawfully (docs/personal-data.md). Maskings, withheld parts and reviewed findings are
-- stored apart from the minutes, which stay whole and sealed; the public rendition is built from them.
-- `publication_holds` keeps minutes off every public output while a personnummer is neither masked nor
-- reviewed; `paragraph_public_texts` is the masked text of a § for the search index, which SQL builds.
CREATE TABLE "personal_data_maskings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"field" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"reason" jsonb NOT NULL,
	"text_sha256" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_data_maskings_target_kind_check" CHECK ("target_kind" IN ('paragraph', 'attendee', 'attachment')),
	CONSTRAINT "personal_data_maskings_span_check" CHECK ("start_offset" >= 0 AND "end_offset" > "start_offset")
);
--> statement-breakpoint
ALTER TABLE "personal_data_maskings" ADD CONSTRAINT "personal_data_maskings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personal_data_maskings_meeting_idx" ON "personal_data_maskings" USING btree ("meeting_id");--> statement-breakpoint
CREATE TABLE "personal_data_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"field" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"finding_sha256" text NOT NULL,
	"reason" text NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "personal_data_reviews" ADD CONSTRAINT "personal_data_reviews_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personal_data_reviews_meeting_idx" ON "personal_data_reviews" USING btree ("meeting_id");--> statement-breakpoint
CREATE TABLE "withheld_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"reason" jsonb NOT NULL,
	"show_title" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withheld_parts_target_kind_check" CHECK ("target_kind" IN ('paragraph', 'attachment'))
);
--> statement-breakpoint
ALTER TABLE "withheld_parts" ADD CONSTRAINT "withheld_parts_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "withheld_parts_target_key" ON "withheld_parts" USING btree ("target_kind","target_id");--> statement-breakpoint
CREATE TABLE "publication_holds" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"blocking" integer NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publication_holds" ADD CONSTRAINT "publication_holds_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "paragraph_public_texts" (
	"paragraph_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"decisions" jsonb NOT NULL,
	"body_text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paragraph_public_texts" ADD CONSTRAINT "paragraph_public_texts_paragraph_id_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Which adjusted minutes have been scanned for personal data: those adjusted before this migration are
-- scanned once after it (privacy.service, scanExistingMinutes), then each as it is sealed.
CREATE TABLE "personal_data_scans" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "personal_data_scans" ADD CONSTRAINT "personal_data_scans_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- As in 0009, with the public view: a held meeting is not published, a withheld § is confidential, and a
-- masked § is indexed by its masked texts. The privacy service calls it for the meeting's §§ whenever it
-- changes a masking, a withheld part or a hold.
CREATE OR REPLACE FUNCTION "search_refresh_paragraphs"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO search_documents (
		paragraph_id, meeting_id, body_id, organization_id, case_id, case_number, held_on, year, number,
		published, confidential, is_decision, title, decisions, body_text, attachments, meeting_text, attachment_text
	)
	SELECT
		p.id, p.meeting_id, p.body_id, b.organization_id, p.case_id, c.case_number, m.held_on, m.year, p.number,
		m.status IN ('adjusted', 'archived') AND NOT EXISTS (SELECT 1 FROM publication_holds h WHERE h.meeting_id = m.id),
		p.confidential OR EXISTS (SELECT 1 FROM withheld_parts w WHERE w.target_kind = 'paragraph' AND w.target_id = p.id),
		EXISTS (SELECT 1 FROM decision_points d WHERE d.paragraph_id = p.id),
		coalesce(pt.title, p.title),
		coalesce((SELECT string_agg(t.value, E'\n' ORDER BY t.ord) FROM jsonb_array_elements_text(pt.decisions) WITH ORDINALITY AS t(value, ord)),
			(SELECT string_agg(d.text, E'\n' ORDER BY d.position) FROM decision_points d WHERE d.paragraph_id = p.id), ''),
		coalesce(pt.body_text, concat_ws(E'\n', p.text, p.proposal,
			(SELECT string_agg(concat_ws(E'\n', s->>'heading', s->>'text'), E'\n') FROM jsonb_array_elements(p.sections) s))),
		coalesce((SELECT string_agg(a.title, E'\n' ORDER BY a.position) FROM paragraph_attachments a WHERE a.paragraph_id = p.id), ''),
		concat_ws(E'\n', m.body_as_written, m.organization_as_written),
		coalesce(left((SELECT string_agg(f.text_content, E'\n\n' ORDER BY a.position)
			FROM paragraph_attachments a JOIN files f ON f.id = a.file_id
			WHERE a.paragraph_id = p.id AND f.text_content IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM withheld_parts w WHERE w.target_kind = 'attachment' AND w.target_id = a.id)
				AND NOT EXISTS (SELECT 1 FROM personal_data_maskings k WHERE k.target_kind = 'attachment' AND k.target_id = a.id::text)), 200000), '')
	FROM paragraphs p
	JOIN meetings m ON m.id = p.meeting_id
	JOIN bodies b ON b.id = p.body_id
	LEFT JOIN cases c ON c.id = p.case_id
	LEFT JOIN paragraph_public_texts pt ON pt.paragraph_id = p.id
	WHERE p.id = ANY (ids)
	ON CONFLICT (paragraph_id) DO UPDATE SET
		meeting_id = excluded.meeting_id, body_id = excluded.body_id, organization_id = excluded.organization_id,
		case_id = excluded.case_id, case_number = excluded.case_number, held_on = excluded.held_on, year = excluded.year,
		number = excluded.number, published = excluded.published, confidential = excluded.confidential,
		is_decision = excluded.is_decision, title = excluded.title, decisions = excluded.decisions,
		body_text = excluded.body_text, attachments = excluded.attachments, meeting_text = excluded.meeting_text,
		attachment_text = excluded.attachment_text;
$$;
