-- Adjusted minutes never change (KL 5:69; JO: adjusters must never sign wording that differs from what
-- was decided). The use cases refuse such changes; these triggers make the database refuse them too, so
-- no script, import or future bug can silently replace an adjusted page. Publication settings
-- (confidentiality of a §) and the meeting's move to the archive stay possible.
CREATE OR REPLACE FUNCTION protokoll_meeting_is_adjusted(meeting uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT status IN ('adjusted', 'archived') FROM meetings WHERE id = meeting), false)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_refuse_adjusted() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the minutes are adjusted and can no longer change'
    USING ERRCODE = 'check_violation', CONSTRAINT = 'minutes_adjusted';
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_guard_meeting_part() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND protokoll_meeting_is_adjusted(OLD.meeting_id) THEN
    PERFORM protokoll_refuse_adjusted();
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND protokoll_meeting_is_adjusted(NEW.meeting_id) THEN
    PERFORM protokoll_refuse_adjusted();
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_guard_paragraph() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF protokoll_meeting_is_adjusted(OLD.meeting_id)
       AND ROW(NEW.meeting_id, NEW.position, NEW.number, NEW.title, NEW.case_id, NEW.text, NEW.sections, NEW.proposal, NEW.adjusted_immediately)
           IS DISTINCT FROM
           ROW(OLD.meeting_id, OLD.position, OLD.number, OLD.title, OLD.case_id, OLD.text, OLD.sections, OLD.proposal, OLD.adjusted_immediately) THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
    RETURN NEW;
  END IF;
  IF protokoll_meeting_is_adjusted(coalesce(NEW.meeting_id, OLD.meeting_id)) THEN
    PERFORM protokoll_refuse_adjusted();
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_guard_paragraph_part() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  meeting uuid;
BEGIN
  SELECT p.meeting_id INTO meeting FROM paragraphs p WHERE p.id = coalesce(NEW.paragraph_id, OLD.paragraph_id);
  IF protokoll_meeting_is_adjusted(meeting) THEN
    PERFORM protokoll_refuse_adjusted();
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.paragraph_id IS DISTINCT FROM OLD.paragraph_id THEN
    SELECT p.meeting_id INTO meeting FROM paragraphs p WHERE p.id = NEW.paragraph_id;
    IF protokoll_meeting_is_adjusted(meeting) THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_guard_ballot() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  meeting uuid;
BEGIN
  SELECT p.meeting_id INTO meeting FROM votes v JOIN paragraphs p ON p.id = v.paragraph_id WHERE v.id = coalesce(NEW.vote_id, OLD.vote_id);
  IF protokoll_meeting_is_adjusted(meeting) THEN
    PERFORM protokoll_refuse_adjusted();
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION protokoll_guard_meeting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('adjusted', 'archived') THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
    IF ROW(NEW.body_id, NEW.minutes_kind, NEW.held_on, NEW.start_time, NEW.end_time, NEW.location, NEW.remote,
           NEW.paragraph_first, NEW.paragraph_last, NEW.adjusted_on, NEW.adjustment_place, NEW.minutes_sha256)
       IS DISTINCT FROM
       ROW(OLD.body_id, OLD.minutes_kind, OLD.held_on, OLD.start_time, OLD.end_time, OLD.location, OLD.remote,
           OLD.paragraph_first, OLD.paragraph_last, OLD.adjusted_on, OLD.adjustment_place, OLD.minutes_sha256)
       OR NEW.status NOT IN ('adjusted', 'archived')
       OR (OLD.signed_file_id IS NOT NULL AND NEW.signed_file_id IS DISTINCT FROM OLD.signed_file_id) THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE TRIGGER meetings_adjusted_guard BEFORE UPDATE OR DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION protokoll_guard_meeting();
--> statement-breakpoint
CREATE TRIGGER paragraphs_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON paragraphs FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph();
--> statement-breakpoint
CREATE TRIGGER attendance_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON attendance FOR EACH ROW EXECUTE FUNCTION protokoll_guard_meeting_part();
--> statement-breakpoint
CREATE TRIGGER adjusters_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON adjusters FOR EACH ROW EXECUTE FUNCTION protokoll_guard_meeting_part();
--> statement-breakpoint
CREATE TRIGGER signatures_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON signatures FOR EACH ROW EXECUTE FUNCTION protokoll_guard_meeting_part();
--> statement-breakpoint
CREATE TRIGGER presenters_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON presenters FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER decision_points_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON decision_points FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER paragraph_attachments_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON paragraph_attachments FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER votes_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON votes FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER reservations_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON reservations FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER disqualifications_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON disqualifications FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER ballots_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION protokoll_guard_ballot();
