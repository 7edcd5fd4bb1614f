/**
 * Utilities, Session, Logger and console.
 *
 * https://developers.google.com/apps-script/reference/utilities/utilities
 * https://developers.google.com/apps-script/reference/base/session
 * https://developers.google.com/apps-script/reference/base/logger
 * https://developers.google.com/apps-script/reference/base/console
 */
import { createHash, randomUUID } from 'node:crypto';
import { format as nodeFormat } from 'node:util';
import type { CallLog } from '../calls';
import { sleepSync } from './fileLock';
import { localParts } from './time';
import { track } from './track';

export type UtilitiesApi = Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'formatDate'
  | 'sleep'
  | 'getUuid'
  | 'base64Encode'
  | 'base64Decode'
  | 'base64EncodeWebSafe'
  | 'base64DecodeWebSafe'
  | 'newBlob'
>;
export type SessionApi = Pick<
  GoogleAppsScript.Base.Session,
  'getScriptTimeZone' | 'getActiveUser' | 'getEffectiveUser' | 'getTemporaryActiveUserKey' | 'getActiveUserLocale'
>;
export type LoggerApi = Pick<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'>;
export type ConsoleApi = Pick<Console, 'log' | 'info' | 'warn' | 'error'>;

export interface RunLogEntry {
  /** The services' `now()` when the line was written. */
  time: Date;
  /** "Logger" for Logger.log; the console method otherwise. */
  level: 'Logger' | 'log' | 'info' | 'warn' | 'error';
  message: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function longZoneName(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part ? part.value : timeZone;
}

/** One run of a pattern letter ("yyyy", "MMM") rendered for the given local fields. */
function field(letter: string, count: number, date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  switch (letter) {
    case 'y':
      return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'M':
      if (count >= 4) return MONTHS[p.month - 1];
      if (count === 3) return MONTHS[p.month - 1].slice(0, 3);
      return pad(p.month, count);
    case 'd':
      return pad(p.day, count);
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(((date.getTime() % 1000) + 1000) % 1000, count);
    case 'E':
      return count >= 4 ? DAYS[p.weekDay] : DAYS[p.weekDay].slice(0, 3);
    case 'u':
      return pad(p.weekDay === 0 ? 7 : p.weekDay, count);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'z':
      return count >= 4 ? longZoneName(date, timeZone) : p.zoneName;
    case 'Z': {
      const sign = p.offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(p.offsetMinutes);
      return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
    }
    default:
      // Java's SimpleDateFormat rejects letters it does not know; so do we, rather than print them.
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/**
 * Utilities.formatDate with java.text.SimpleDateFormat patterns: letters y M d H k h m s S E u a z Z,
 * quoted literals ('at', '' for a quote). Zone names come from Intl (en-US), which matches Java for
 * US zones ("EST"/"EDT") but says "GMT+1" where Java says "CET".
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) && Object.prototype.toString.call(date) !== '[object Date]') {
    throw new Error('Invalid argument: date');
  }
  if (Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // A quoted literal runs to the next lone quote; inside it, '' is a literal quote too.
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new Error('Unterminated quote in date pattern');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            out += "'";
            j += 2;
            continue;
          }
          break;
        }
        out += pattern[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += field(c, j - i, date, timeZone);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Apps Script's Byte[] is Java's: signed, −128…127. */
function toSignedBytes(buffer: Buffer): number[] {
  return Array.from(buffer, (b) => (b > 127 ? b - 256 : b));
}

function toBuffer(data: string | number[]): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));
}

function createBlob(
  calls: CallLog,
  data: string | number[],
  contentType?: string,
  name?: string,
): GoogleAppsScript.Base.Blob {
  const bytes = toBuffer(data);
  let type: string | null = contentType ?? null;
  let blobName: string | null = name ?? null;
  const blob = track(calls, 'Blob', {
    getDataAsString: (charset?: string) => bytes.toString(charset && !/^utf-?8$/i.test(charset) ? 'latin1' : 'utf8'),
    getBytes: () => toSignedBytes(bytes),
    getContentType: () => type,
    setContentType: (t: string) => {
      type = t;
      return blob;
    },
    getName: () => blobName,
    setName: (n: string) => {
      blobName = n;
      return blob;
    },
  });
  // Only the methods above exist; the add-on uses Blob for text only.
  return blob as unknown as GoogleAppsScript.Base.Blob;
}

export function createUtilities(calls: CallLog): UtilitiesApi {
  const api = {
    formatDate(date: Date, timeZone: string, format: string) {
      return formatDate(date, timeZone, format);
    },
    /**
     * Apps Script pauses the script, and the pause counts against the execution time. Here the virtual
     * clock moves on by the pause, and we wait only a token few milliseconds for real — enough for a polling
     * loop in another process to progress.
     */
    sleep(milliseconds: number) {
      if (!(Number(milliseconds) >= 0) || Number(milliseconds) > 300000) {
        throw new Error('Invalid argument: milliseconds');
      }
      calls.wait(Number(milliseconds));
      sleepSync(Math.min(Number(milliseconds), 20));
    },
    getUuid() {
      return randomUUID();
    },
    base64Encode(data: string | number[]) {
      return toBuffer(data).toString('base64');
    },
    base64EncodeWebSafe(data: string | number[]) {
      return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string) {
      return toSignedBytes(Buffer.from(encoded, 'base64'));
    },
    base64DecodeWebSafe(encoded: string) {
      return toSignedBytes(Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    },
    newBlob(data: string | number[], contentType?: string, name?: string) {
      return createBlob(calls, data, contentType, name);
    },
  };
  return track(calls, 'Utilities', api) as unknown as UtilitiesApi;
}

export function createSession(calls: CallLog, timeZone: string, userEmail: string): SessionApi {
  const user = track(calls, 'User', { getEmail: () => userEmail }) as GoogleAppsScript.Base.User;
  // Stable per user, opaque, like Apps Script's key (which also rotates monthly; ours does not).
  const temporaryKey = createHash('sha256').update(`partnerpulse-local:${userEmail}`).digest('base64').slice(0, 43);
  return track(calls, 'Session', {
    getScriptTimeZone: () => timeZone,
    getActiveUser: () => user,
    getEffectiveUser: () => user,
    getTemporaryActiveUserKey: () => temporaryKey,
    getActiveUserLocale: () => 'en',
  });
}

/** Logger.log's "%s" placeholders; anything that is not a string shows as JSON. */
function loggerText(data: unknown, values: unknown[]): string {
  const show = (v: unknown) =>
    typeof v === 'string' ? v : v instanceof Date ? v.toString() : (JSON.stringify(v) ?? String(v));
  if (typeof data !== 'string' || values.length === 0) return show(data);
  let next = 0;
  return data.replace(/%%|%[sdfi]/g, (token) =>
    token === '%%' ? '%' : next < values.length ? show(values[next++]) : token,
  );
}

export function createLogger(calls: CallLog, runLog: RunLogEntry[], now: () => Date, timeZone: string): LoggerApi {
  let lines: string[] = [];
  const logger: LoggerApi = track(calls, 'Logger', {
    log(data: unknown, ...values: unknown[]) {
      const message = loggerText(data, values);
      const time = now();
      runLog.push({ time, level: 'Logger', message });
      // getLog()'s lines carry a timestamp prefix as in the Apps Script editor's log.
      lines.push(`[${formatDate(time, timeZone, 'yy-MM-dd HH:mm:ss:SSS z')}] ${message}`);
      return logger as GoogleAppsScript.Base.Logger;
    },
    getLog() {
      return lines.join('\n');
    },
    clear() {
      lines = [];
    },
  } as LoggerApi);
  return logger;
}

export function createConsole(calls: CallLog, runLog: RunLogEntry[], now: () => Date): ConsoleApi {
  const writer =
    (level: 'log' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      runLog.push({ time: now(), level, message: nodeFormat(...args) });
    };
  return track(calls, 'console', {
    log: writer('log'),
    info: writer('info'),
    warn: writer('warn'),
    error: writer('error'),
  });
}
