-- Issue 15: e-mail watches (bevakningar) on a body or a search, with a one-click unsubscribe token
-- (docs/communication.md); outbox messages get extra header lines (List-Unsubscribe, RFC 8058).
CREATE TABLE "watches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"body_id" uuid,
	"query" text,
	"unsubscribe_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watches_body_or_query" CHECK ((body_id is null) <> (query is null))
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "watches" ADD CONSTRAINT "watches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watches" ADD CONSTRAINT "watches_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "watches_unsubscribe_token_key" ON "watches" USING btree ("unsubscribe_token");--> statement-breakpoint
CREATE UNIQUE INDEX "watches_user_body_key" ON "watches" USING btree ("user_id","body_id") WHERE body_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "watches_user_query_key" ON "watches" USING btree ("user_id",lower("query")) WHERE query is not null;