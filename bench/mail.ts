// A MailApp for the bench runs: counted exactly as the local runtime's MailApp (one "MailApp.sendEmail" per
// message, same estimated latency), but the messages are only measured, not built into .eml files. The
// runtime's MailApp spawns a nodemailer process per message (~0.1 s of real time), which would make the
// naive run's wall time (one e-mail per alert item, thousands of them) measure nodemailer, not the script.
import type { CallLog } from '../local/calls';

export interface MailTally {
  messages: number;
  recipients: Set<string>;
  /** The largest HTML (or plain) body sent, in bytes: MailApp refuses bodies over its size limit. */
  largestBodyBytes: number;
}

type MailArgs = [GoogleAppsScript.Mail.MailAdvancedParameters] | [string, string, string, object?];

export function benchMailApp(calls: CallLog): {
  MailApp: Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;
  tally: MailTally;
} {
  const tally: MailTally = { messages: 0, recipients: new Set(), largestBodyBytes: 0 };
  const MailApp = {
    sendEmail(...args: MailArgs): void {
      calls.count('MailApp', 'sendEmail');
      const message =
        typeof args[0] === 'object'
          ? args[0]
          : {
              to: args[0],
              subject: args[1] as string,
              body: args[2] as string,
              htmlBody: (args[3] as { htmlBody?: string } | undefined)?.htmlBody,
            };
      tally.messages++;
      tally.recipients.add(String(message.to).toLowerCase());
      const body = message.htmlBody ?? message.body ?? '';
      tally.largestBodyBytes = Math.max(tally.largestBodyBytes, Buffer.byteLength(String(body)));
    },
    /** Large: the bench measures the work, not the quota (docs/performance.md covers the quota). */
    getRemainingDailyQuota(): number {
      calls.count('MailApp', 'getRemainingDailyQuota');
      return 1_000_000;
    },
  };
  return {
    MailApp: MailApp as unknown as Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>,
    tally,
  };
}
