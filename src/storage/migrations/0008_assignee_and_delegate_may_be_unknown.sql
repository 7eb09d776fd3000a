-- An assignment whose decision names no uppdragstagare, and a delegated decision whose anmälan names no
-- delegate, were stored with '' because the columns were NOT NULL. Unknown is now NULL, as everywhere
-- else in the registers, and the rows stored before are turned into what they meant.
ALTER TABLE "assignments" ALTER COLUMN "assignee" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "delegated_decisions" ALTER COLUMN "delegate" DROP NOT NULL;--> statement-breakpoint
UPDATE "assignments" SET "assignee" = NULL WHERE btrim("assignee") = '';--> statement-breakpoint
UPDATE "delegated_decisions" SET "delegate" = NULL WHERE btrim("delegate") = '';
