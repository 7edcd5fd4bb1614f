/**
 * MailApp: real RFC 822 messages built by nodemailer, written to the outbox directory (one .eml per
 * message, names sorting by send time) and, when an SMTP server is configured, delivered to it too.
 *
 * https://developers.google.com/apps-script/reference/mail/mail-app
 * Quota ("Email recipients per day", 100 for consumer accounts, each to/cc/bcc address counts):
 * https://developers.google.com/apps-script/guides/services/quotas
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CallLog } from '../calls';
import type { StateStore } from './state';
import { track } from './track';

export type MailAppApi = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  /** The .eml file in the outbox. */
  file: string;
  messageId: string;
  /** The services' `now()` at sending. */
  sentAt: Date;
}

export interface MailOptions {
  outboxDir: string;
  smtp?: { host: string; port: number };
  now: () => Date;
  userEmail: string;
  dailyQuota: number;
  /**
   * At most `sends` mails in any `perMs` window of the (virtual) clock; beyond that sendEmail throws Apps
   * Script's "too many times in a short time" error. Google publishes no figure for this limit, so it is off
   * unless a test or the bench sets one.
   */
  rateLimit?: { sends: number; perMs: number };
}

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const RATE_MESSAGE =
  'Service invoked too many times in a short time: email. Try Utilities.sleep(1000) between calls.';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why a child process: nodemailer only builds and sends asynchronously, but MailApp.sendEmail returns
 * after the mail has gone, and the add-on runs synchronously inside a vm. spawnSync blocks until a
 * small node process has built the message (and delivered it over SMTP) — simpler than a worker
 * thread with Atomics.wait, and a failure there cannot corrupt this process. It costs ~0.1 s per mail.
 * The helper is inline source so it works however the runtime is loaded (ts via swc, bundled, …).
 */
const HELPER = `
const fs = require('fs');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const job = JSON.parse(input);
  try {
    const nodemailer = require(job.nodemailerPath);
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    const message = Object.assign({}, job.message, { date: new Date(job.message.date) });
    const built = await composer.sendMail(message);
    fs.writeFileSync(job.file, built.message, { flag: 'wx' });
    if (job.smtp) {
      const smtp = nodemailer.createTransport({
        host: job.smtp.host, port: job.smtp.port, secure: false, ignoreTLS: true,
        tls: { rejectUnauthorized: false }, connectionTimeout: 10000, socketTimeout: 20000,
      });
      // Sent as a fresh message (same Message-ID) rather than the .eml bytes: the outbox copy keeps
      // its Bcc header like a sender's own copy, while SMTP delivery must not reveal it.
      await smtp.sendMail(Object.assign({}, message, { messageId: built.messageId }));
      smtp.close();
    }
    process.stdout.write(JSON.stringify({ ok: true, messageId: built.messageId }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error && error.message || error) }));
  }
});
`;

function resolveNodemailer(): string {
  // `require` exists when this file runs as CommonJS (jest/swc, esbuild cjs); fall back to the cwd.
  const req = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'index.js'));
  return req.resolve('nodemailer');
}

/** A plausible address: something@domain.tld with no spaces or delimiters. */
const ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** "a@x.com, Name <b@y.com>" → ['a@x.com', 'b@y.com'], throwing Apps Script's "Invalid email: …". */
function addresses(list: string | undefined): string[] {
  if (list === undefined || list === null || String(list).trim() === '') return [];
  return String(list)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const angled = /<([^>]*)>\s*$/.exec(part);
      const address = (angled ? angled[1] : part).trim();
      if (!ADDRESS.test(address)) throw new Error(`Invalid email: ${part}`);
      return address;
    });
}

export function createMailApp(calls: CallLog, store: StateStore, options: MailOptions) {
  const outbox: SentMail[] = [];
  const { userEmail, now, dailyQuota } = options;
  const recentSends: number[] = [];

  /** Remaining recipients in the 24-hour window that began with the first send in it. */
  const remaining = (): number => {
    const window = store.read().mailQuota[userEmail];
    if (!window || now().getTime() >= Date.parse(window.windowStart) + DAY_MS) return dailyQuota;
    return Math.max(0, dailyQuota - window.used);
  };

  /** Takes `n` recipients from the quota atomically (two processes share it), or throws. */
  const reserve = (n: number): void => {
    store.update((state) => {
      const t = now();
      let window = state.mailQuota[userEmail];
      if (!window || t.getTime() >= Date.parse(window.windowStart) + DAY_MS) {
        window = { windowStart: t.toISOString(), used: 0 };
      }
      if (window.used + n > dailyQuota) throw new Error(QUOTA_MESSAGE);
      window.used += n;
      state.mailQuota[userEmail] = window;
    });
  };

  const refund = (n: number): void => {
    store.update((state) => {
      const window = state.mailQuota[userEmail];
      if (window) window.used = Math.max(0, window.used - n);
    });
  };

  const outboxFile = (sentAt: Date): string => {
    fs.mkdirSync(options.outboxDir, { recursive: true });
    // ISO time first so names sort by sending time (a virtual clock may stand still, so then a counter
    // of the mails already there for that instant), and the pid for two processes sending at once.
    const stamp = sentAt.toISOString().replace(/:/g, '-').replace('.', '-');
    const existing = fs.readdirSync(options.outboxDir).filter((f) => f.startsWith(stamp)).length;
    return path.join(options.outboxDir, `${stamp}-${String(existing + 1).padStart(4, '0')}-${process.pid}.eml`);
  };

  function send(message: GoogleAppsScript.Mail.MailAdvancedParameters): void {
    const to = addresses(message.to);
    const cc = addresses(message.cc);
    const bcc = addresses(message.bcc);
    const replyTo = message.replyTo ? addresses(message.replyTo) : [];
    const recipients = new Set([...to, ...cc, ...bcc].map((a) => a.toLowerCase())).size;
    if (recipients === 0) throw new Error('Failed to send email: no recipient');
    if (options.rateLimit) {
      const t = now().getTime();
      while (recentSends.length > 0 && recentSends[0] <= t - options.rateLimit.perMs) recentSends.shift();
      if (recentSends.length >= options.rateLimit.sends) throw new Error(RATE_MESSAGE);
      recentSends.push(t);
    }

    reserve(recipients);
    const sentAt = now();
    const domain = userEmail.split('@')[1] ?? 'localhost';
    const fromAddress = message.noReply ? `noreply@${domain}` : userEmail;
    const from = message.name ? `"${String(message.name).replace(/"/g, "'")}" <${fromAddress}>` : fromAddress;
    const file = outboxFile(sentAt);
    const job = {
      nodemailerPath: resolveNodemailer(),
      file,
      smtp: options.smtp ?? null,
      message: {
        from,
        to,
        cc,
        bcc,
        replyTo: replyTo.length ? replyTo : undefined,
        subject: String(message.subject ?? ''),
        text: String(message.body ?? ''),
        html: message.htmlBody,
        date: sentAt.toISOString(),
      },
    };
    const started = performance.now();
    const child = spawnSync(process.execPath, ['-e', HELPER], {
      input: JSON.stringify(job),
      encoding: 'utf8',
      timeout: 60_000,
    });
    // MailApp.sendEmail's time is estimated (local/latencies.ts): the helper process's own time is not added.
    calls.addStandInTime(performance.now() - started);
    let result: { ok: boolean; messageId?: string; error?: string };
    try {
      result = JSON.parse(child.stdout) as typeof result;
    } catch {
      result = { ok: false, error: child.error?.message ?? (child.stderr || 'mail helper gave no answer') };
    }
    if (!result.ok) {
      refund(recipients);
      throw new Error(`Failed to send email: ${result.error}`);
    }
    outbox.push({
      to,
      cc,
      bcc,
      from,
      replyTo: replyTo.length ? replyTo.join(', ') : null,
      subject: job.message.subject,
      text: job.message.text,
      html: message.htmlBody ?? null,
      file,
      messageId: result.messageId ?? '',
      sentAt,
    });
  }

  const mailApp = track(calls, 'MailApp', {
    sendEmail(...args: unknown[]) {
      if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
        send(args[0] as GoogleAppsScript.Mail.MailAdvancedParameters);
      } else if (args.length === 4 && typeof args[3] === 'string') {
        // sendEmail(to, replyTo, subject, body)
        const [to, replyTo, subject, body] = args as string[];
        send({ to, replyTo, subject, body });
      } else {
        const [to, subject, body, more] = args as [
          string,
          string,
          string,
          GoogleAppsScript.Mail.MailAdvancedParameters?,
        ];
        send({ ...(more ?? {}), to, subject, body });
      }
    },
    getRemainingDailyQuota() {
      return remaining();
    },
  }) as unknown as MailAppApi;

  return { mailApp, outbox };
}
