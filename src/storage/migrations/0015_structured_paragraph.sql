-- Issue 19: the § as secretaries write it. Who put the base proposal, the chair's propositionsordning and
-- how the § was decided (acclamation or vote), who left the room for jäv, and the yrkanden and
-- protokollsanteckningar as rows of their own, guarded like every other part once the minutes are adjusted.
ALTER TABLE "paragraphs" ADD COLUMN "proposed_by" text;--> statement-breakpoint
ALTER TABLE "paragraphs" ADD COLUMN "proposition_order" text;--> statement-breakpoint
ALTER TABLE "paragraphs" ADD COLUMN "decision_method" text;--> statement-breakpoint
ALTER TABLE "paragraphs" ADD CONSTRAINT "paragraphs_decision_method" CHECK (decision_method is null or decision_method in ('acclamation', 'vote'));--> statement-breakpoint
ALTER TABLE "disqualifications" ADD COLUMN "left_room" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "motions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paragraph_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"mover" text NOT NULL,
	"party" text,
	"text" text NOT NULL,
	"supported_by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"person_id" uuid
);
--> statement-breakpoint
CREATE TABLE "protocol_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paragraph_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"party" text,
	"text" text NOT NULL,
	"person_id" uuid
);
--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_paragraph_id_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_notes" ADD CONSTRAINT "protocol_notes_paragraph_id_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_notes" ADD CONSTRAINT "protocol_notes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "motions_paragraph_position_key" ON "motions" USING btree ("paragraph_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_notes_paragraph_position_key" ON "protocol_notes" USING btree ("paragraph_id","position");--> statement-breakpoint
CREATE TRIGGER motions_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON motions FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
--> statement-breakpoint
CREATE TRIGGER protocol_notes_adjusted_guard BEFORE INSERT OR UPDATE OR DELETE ON protocol_notes FOR EACH ROW EXECUTE FUNCTION protokoll_guard_paragraph_part();
