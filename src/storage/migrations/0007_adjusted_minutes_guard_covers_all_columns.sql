-- 0005 compared a list of columns, so a column it did not name (the finalised document, the approval
-- record, the year, the names as written) could still change on adjusted minutes, and so could any
-- column added later. Now every column is guarded except the few that are allowed to move after
-- justering, so a new column is protected the day it is added.
--
-- Allowed on an adjusted meeting: status to 'archived', the signed document when it is first stored
-- (it is written in the same transaction that adjusts), and updated_at.
-- Allowed on a § of an adjusted meeting: its confidentiality (sekretess is a publication decision that
-- may be taken after justering), and updated_at.
CREATE OR REPLACE FUNCTION protokoll_guard_paragraph() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (protokoll_meeting_is_adjusted(OLD.meeting_id) OR protokoll_meeting_is_adjusted(NEW.meeting_id))
       AND (to_jsonb(NEW) - ARRAY['confidential', 'confidential_reason', 'updated_at'])
           IS DISTINCT FROM
           (to_jsonb(OLD) - ARRAY['confidential', 'confidential_reason', 'updated_at']) THEN
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
CREATE OR REPLACE FUNCTION protokoll_guard_meeting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('adjusted', 'archived') THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
    IF (to_jsonb(NEW) - ARRAY['status', 'signed_file_id', 'updated_at'])
       IS DISTINCT FROM
       (to_jsonb(OLD) - ARRAY['status', 'signed_file_id', 'updated_at'])
       OR NEW.status NOT IN ('adjusted', 'archived')
       OR (OLD.signed_file_id IS NOT NULL AND NEW.signed_file_id IS DISTINCT FROM OLD.signed_file_id) THEN
      PERFORM protokoll_refuse_adjusted();
    END IF;
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
