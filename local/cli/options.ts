/**
 * The command line's flags: one table (FLAGS) that parses them and writes `--help` (help.ts), so adding a flag is
 * one entry here. docs/local-runtime.md lists them.
 */
import { authModeArg } from '../authModes';
import { appsScriptTimeZone } from '../runtime';
import { parseNow } from './now';
import { isReadableLocale } from './sql';

export type Command = 'start' | 'local' | 'settings';

export interface CliOptions {
  functionName?: string;
  /** A .parquet or .csv standing for the BigQuery table of Connected Sheets (docs/warehouse.md). */
  warehouse?: string;
  /** Answers for the add-on's prompts, in order (`--answer my-project --answer warehouse.partners`). */
  answers?: string[];
  workbook?: string;
  out?: string;
  /** --now as typed; `now` is it read in the spreadsheet's time zone (parseNow). */
  nowText?: string;
  now?: Date;
  /** The spreadsheet's time zone and locale (File > Settings in Sheets); the script's zone is the manifest's. */
  timeZone?: string;
  locale?: string;
  /** Who runs the function (Session's active and effective user, the owner of triggers it installs). */
  userEmail?: string;
  /** How Google runs the add-on (docs/google-fidelity.md): `--mode`, `--auth-mode`, `--no-trigger-document`. */
  google?: GoogleOptions;
  outbox?: string;
  quota?: number;
  timeLimitMs?: number;
  selection?: string;
  smtp?: { host: string; port: number };
  /** List service calls per method. */
  calls?: boolean;
  /** settings: key=value pairs to change. */
  sets?: string[];
  help?: boolean;
}

export interface GoogleOptions {
  mode?: 'addon' | 'bound';
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  triggerDocument?: boolean;
  authorizationRequired?: boolean;
}

interface Flag {
  name: string;
  /** The value's placeholder; absent for a switch. */
  value?: string;
  help: string;
  /** The commands it applies to. */
  commands: Command[];
  apply(options: CliOptions, value: string): void;
}

export const ALL: Command[] = ['start', 'local', 'settings'];
const RUNS: Command[] = ['start', 'local'];

/** Every flag, in the order --help lists them. Adding one here is all a new flag needs. */
export const FLAGS: Flag[] = [
  {
    name: '--workbook',
    value: 'FILE',
    commands: ALL,
    help: 'your .xlsx or .csv (default out/partners.xlsx). It is never written: results go to out/<name>.xlsx',
    apply: (o, v) => {
      o.workbook = v;
    },
  },
  {
    name: '--out',
    value: 'FILE',
    commands: ALL,
    help: 'where the results go instead of out/<name>.xlsx',
    apply: (o, v) => {
      o.out = v;
    },
  },
  {
    name: '--now',
    value: 'WHEN',
    commands: RUNS,
    help: "the add-on's clock at the start: 2026-12-01T07:00, or 2026-12-01 for midnight, in the spreadsheet's time zone",
    apply: (o, v) => {
      o.nowText = v;
    },
  },
  {
    name: '--time-zone',
    value: 'ZONE',
    commands: ALL,
    help: "the spreadsheet's time zone (File > Settings in Sheets), e.g. Europe/Berlin; default the script's, from appsscript.json",
    apply: (o, v) => {
      o.timeZone = v;
    },
  },
  {
    name: '--locale',
    value: 'LOCALE',
    commands: ALL,
    help: "the spreadsheet's locale as Sheets writes it, e.g. de_DE (how text dates and numbers are read)",
    apply: (o, v) => {
      if (!isReadableLocale(v))
        throw new Error(`--locale ${v}: not a locale; write it as Sheets does, like en_US or de_DE`);
      o.locale = v;
    },
  },
  {
    name: '--user',
    value: 'EMAIL',
    commands: RUNS,
    help: 'who runs the function (Session user, owner of the triggers it installs); default pm@example.com',
    apply: (o, v) => {
      const email = v.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new Error(`--user ${email}: not an e-mail address; write it like pm@example.com`);
      o.userEmail = email;
    },
  },
  {
    name: '--select',
    value: 'A1',
    commands: RUNS,
    help: "the user's selection, e.g. Partners!A5 (for the QBR sidebar and menu items that read it)",
    apply: (o, v) => {
      o.selection = v;
    },
  },
  {
    name: '--outbox',
    value: 'DIR',
    commands: RUNS,
    help: 'where mail goes as .eml files (default out/outbox)',
    apply: (o, v) => {
      o.outbox = v;
    },
  },
  {
    name: '--smtp',
    value: 'HOST:PORT',
    commands: RUNS,
    help: 'send mail to an SMTP server instead',
    apply: (o, v) => {
      const [host, port] = v.split(':');
      o.smtp = { host, port: positiveNumber(port ?? '', '--smtp port') };
    },
  },
  {
    name: '--quota',
    value: 'N',
    commands: RUNS,
    help: "MailApp's daily recipients quota (default 100, a consumer account's)",
    apply: (o, v) => {
      o.quota = positiveNumber(v, '--quota');
    },
  },
  {
    name: '--time-limit',
    value: 'SECONDS',
    commands: RUNS,
    help: 'execution time limit of a run (default 360, as in Apps Script)',
    apply: (o, v) => {
      o.timeLimitMs = positiveNumber(v, '--time-limit') * 1000;
    },
  },
  {
    name: '--warehouse',
    value: 'FILE',
    commands: RUNS,
    help: 'a .parquet or .csv standing for the BigQuery table of Connected Sheets (docs/warehouse.md)',
    apply: (o, v) => {
      o.warehouse = v;
    },
  },
  {
    name: '--answer',
    value: 'TEXT',
    commands: RUNS,
    help: "answer the add-on's next prompt with TEXT (repeat for more), e.g. for Connect a BigQuery table…",
    apply: (o, v) => {
      (o.answers ??= []).push(v);
    },
  },
  {
    name: '--mode',
    value: 'addon|bound',
    commands: RUNS,
    help: 'installed add-on (default) or a copy of the code bound to the sheet (docs/google-fidelity.md)',
    apply: (o, v) => {
      if (v !== 'addon' && v !== 'bound')
        throw new Error(
          `--mode ${v}: allowed addon (installed from the Marketplace) or bound (a copy of the code in the sheet)`,
        );
      (o.google ??= {}).mode = v;
    },
  },
  {
    name: '--auth-mode',
    value: 'NONE|LIMITED|FULL',
    commands: RUNS,
    help: 'the authorization mode of the simple triggers onOpen and onEdit (default LIMITED)',
    apply: (o, v) => {
      (o.google ??= {}).authMode = authModeArg(v);
    },
  },
  {
    name: '--no-trigger-document',
    commands: RUNS,
    help: 'a time-driven trigger gets no spreadsheet and no document lock (the case Google does not document)',
    apply: (o) => {
      (o.google ??= {}).triggerDocument = false;
    },
  },
  {
    name: '--authorization-required',
    commands: RUNS,
    help: "the user's authorization lapsed after an update (getAuthorizationInfo says REQUIRED)",
    apply: (o) => {
      (o.google ??= {}).authorizationRequired = true;
    },
  },
  {
    name: '--calls',
    commands: RUNS,
    help: 'list the service calls per method',
    apply: (o) => {
      o.calls = true;
    },
  },
  {
    name: '--set',
    value: 'KEY=VALUE',
    commands: ['settings'],
    help: 'settings: change one setting (repeat for more); `settings` alone lists keys and values',
    apply: (o, v) => {
      (o.sets ??= []).push(v);
    },
  },
  {
    name: '--help',
    commands: ALL,
    help: 'this help',
    apply: (o) => {
      o.help = true;
    },
  },
];

export function parseArgs(argv: string[], command: Command = 'local'): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      const flag = FLAGS.find((f) => f.name === name);
      if (!flag) throw new Error(`Unknown option ${name}; \`npm start -- --help\` lists the options`);
      if (!flag.commands.includes(command))
        throw new Error(
          `${name} is not an option of ${command === 'start' ? 'npm start' : command === 'settings' ? '`npm run local -- settings`' : '`npm run local -- <function>`'}`,
        );
      let value = '';
      if (flag.value) {
        if (inline !== undefined) value = inline;
        else {
          const next = argv[i + 1];
          if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value (${flag.value})`);
          value = next;
          i++;
        }
      }
      flag.apply(options, value);
      continue;
    }
    if (command !== 'local') throw new Error(`Unexpected "${arg}"; \`npm start -- --help\` lists the options`);
    if (options.functionName) throw new Error(`One function at a time (got ${options.functionName} and ${arg})`);
    options.functionName = arg;
  }
  if (options.nowText !== undefined) options.now = parseNow(options.nowText, options.timeZone ?? appsScriptTimeZone());
  return options;
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} ${text}: not a number ≥ 0`);
  return n;
}
