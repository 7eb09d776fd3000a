-- Issue 20: the project portfolio (projektportfölj): projects with their funding per funder and year,
-- the §§ that started, changed and closed them, and the indicators they report on (docs/projects.md).
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"case_number" text,
	"title" text NOT NULL,
	"description" text,
	"owner" text,
	"project_manager" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"budget" bigint,
	"outcome" bigint,
	"results" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('planned', 'ongoing', 'completed', 'cancelled')),
	CONSTRAINT "projects_period_check" CHECK ("projects"."ends_on" is null or "projects"."starts_on" is null or "projects"."ends_on" >= "projects"."starts_on"),
	CONSTRAINT "projects_amounts_check" CHECK (coalesce("projects"."budget", 0) >= 0 and coalesce("projects"."outcome", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_funding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"funder_kind" text NOT NULL,
	"funder_name" text NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "project_funding_amount_check" CHECK ("project_funding"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"paragraph_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_decisions_kind_check" CHECK ("project_decisions"."kind" in ('start', 'change', 'final_report'))
);
--> statement-breakpoint
CREATE TABLE "project_indicators" (
	"project_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	CONSTRAINT "project_indicators_pkey" PRIMARY KEY("project_id","indicator_id")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_funding" ADD CONSTRAINT "project_funding_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_decisions" ADD CONSTRAINT "project_decisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_decisions" ADD CONSTRAINT "project_decisions_paragraph_id_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicators" ADD CONSTRAINT "project_indicators_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicators" ADD CONSTRAINT "project_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_organization_idx" ON "projects" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_funding_project_position_key" ON "project_funding" USING btree ("project_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "project_decisions_project_paragraph_kind_key" ON "project_decisions" USING btree ("project_id","paragraph_id","kind");--> statement-breakpoint
CREATE INDEX "project_decisions_paragraph_idx" ON "project_decisions" USING btree ("paragraph_id");
