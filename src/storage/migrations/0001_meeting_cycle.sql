CREATE TABLE "extracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"paragraph_numbers" jsonb NOT NULL,
	"certified_by" text NOT NULL,
	"certified_on" date NOT NULL,
	"file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"address" text,
	"sent_at" timestamp with time zone NOT NULL,
	"file_id" uuid
);
--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "organization_type" SET DEFAULT 'municipal';--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "approval" jsonb;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "minutes_file_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "minutes_sha256" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "convened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "paragraphs" ADD COLUMN "agenda_kind" text;--> statement-breakpoint
ALTER TABLE "extracts" ADD CONSTRAINT "extracts_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extracts" ADD CONSTRAINT "extracts_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_invitations_meeting_idx" ON "meeting_invitations" USING btree ("meeting_id");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_file_id_files_id_fk" FOREIGN KEY ("minutes_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;