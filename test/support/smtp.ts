/**
 * A real SMTP server for tests (the smtp-server package), on a free port of 127.0.0.1. It keeps every
 * message it accepts, parsed by mailparser, and can refuse recipients or be stopped to play a server
 * that is down.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Answer RCPT TO for addresses matching `pattern` with this code (550: refuse for good, 451: try later). */
  refuse(pattern: RegExp, code: number): void;
  /** Accept everyone again. */
  acceptAll(): void;
  /** Resolves when `count` messages have arrived in all (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Listen on this port (to come back where a stopped server was); 0 or none: a free one. */
  port?: number;
  /**
   * Called with each message once it is received in full, before the server answers 250: a test can
   * hold the answer back (a slow server) and do something meanwhile, such as kill the sender.
   */
  beforeAnswer?: (mail: ParsedMail) => Promise<void>;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  let refusals: { pattern: RegExp; code: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.find((r) => r.pattern.test(address.address));
      if (refusal) {
        callback(Object.assign(new Error(refusal.code >= 500 ? 'no such mailbox here' : 'try again later'), { responseCode: refusal.code }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          // Kept as soon as it is all here, as a real server queues it: the client may never hear the 250.
          received.push(mail);
          await options.beforeAnswer?.(mail);
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the test SMTP server has no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    port: address.port,
    received,
    refuse(pattern, code) {
      refusals.push({ pattern, code });
    },
    acceptAll() {
      refusals = [];
    },
    async waitFor(count, ms = 30_000) {
      const until = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, ${received.length} arrived within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
