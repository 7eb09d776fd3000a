/**
 * Where mail goes: an SMTP server (SMTP_URL), or, with none configured, .eml files in the data folder's
 * outbox/ so that the embedded default works and shows exactly what would have been sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…; null: write .eml files to `folder`. */
  smtpUrl: string | null;
  /** The sender, e.g. "Protokoll <protokoll@forbundet.se>". */
  from: string;
  /** Where .eml files go when there is no SMTP server. */
  folder: string;
}

/** What the worker hands to a transport. */
export type OutgoingMail = Mail.Options & { messageId: string };

export interface MailTransport {
  /** Sends one message; throws with `responseCode` when the server refuses it. */
  send(mail: OutgoingMail): Promise<void>;
  /** Said at start-up: where mail goes. */
  readonly description: string;
  close(): void;
}

export function createMailTransport(settings: MailSettings): MailTransport {
  if (settings.smtpUrl) {
    const url = new URL(settings.smtpUrl);
    const transporter = nodemailer.createTransport({
      url: settings.smtpUrl,
      // A test or internal relay on this machine may have a self-signed certificate; elsewhere TLS is checked.
      tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(url.hostname) },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    } as SMTPTransport.Options);
    return {
      description: `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
      async send(mail) {
        await transporter.sendMail({ ...mail, from: settings.from });
      },
      close: () => transporter.close(),
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `files in ${settings.folder} (no SMTP_URL set)`,
    async send(mail) {
      const info = await transporter.sendMail({ ...mail, from: settings.from });
      mkdirSync(settings.folder, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^a-z0-9-]/giu, '')}.eml`;
      writeFileSync(join(settings.folder, name), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
