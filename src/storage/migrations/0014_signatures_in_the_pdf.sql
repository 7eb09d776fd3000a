-- Issue 16: PAdES signatures in the protocol PDF (docs/signatures.md). Each signature line keeps the file as it
-- was after that signature and how the signer was authenticated; a session keeps when its user last proved
-- who they are (step-up before signing) and, with OpenID Connect, the identity provider's subject and acr.
ALTER TABLE "sessions" ADD COLUMN "authenticated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "authentication_method" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "identity_issuer" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "identity_subject" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "assurance_level" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "file_sha256" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "authentication_method" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "authenticated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "identity_issuer" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "identity_subject" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "assurance_level" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;
