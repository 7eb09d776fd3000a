-- Issue 20: registers where people work. The delegationsordning as data (one row per point), the
-- delegationsbeslut linked to the point it was taken under, and the återrapportering of an assignment
-- written in the web (text and an optional document) before the body is told of it at its next meeting.
CREATE TABLE "delegation_order_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"code" text NOT NULL,
	"matter" text NOT NULL,
	"delegate" text NOT NULL,
	"limits" text,
	"legal_basis" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegation_order_items_validity" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
ALTER TABLE "delegation_order_items" ADD CONSTRAINT "delegation_order_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_order_items" ADD CONSTRAINT "delegation_order_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegation_order_items_body_idx" ON "delegation_order_items" USING btree ("body_id","code");--> statement-breakpoint
ALTER TABLE "delegated_decisions" ADD COLUMN "delegation_item_id" uuid;--> statement-breakpoint
ALTER TABLE "delegated_decisions" ADD CONSTRAINT "delegated_decisions_delegation_item_id_delegation_order_items_id_fk" FOREIGN KEY ("delegation_item_id") REFERENCES "public"."delegation_order_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "report_text" text;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "report_file_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "report_submitted_on" date;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "report_submitted_by" text;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_report_file_id_files_id_fk" FOREIGN KEY ("report_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;
