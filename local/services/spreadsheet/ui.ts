/**
 * Ui — https://developers.google.com/apps-script/reference/base/ui: menus, alerts, prompts, sidebars and dialogs,
 * recorded for the tests and the command line to show. Ui and its menus are counted under "Ui"
 * (local/services/track.ts).
 */
import { track } from '../track';
import type { GMenu, GUi, Localized } from './googleTypes';
import type { Session } from './session';

export type MenuEntry = { item: string; functionName: string } | { separator: true } | { subMenu: RecordedMenu };
export interface RecordedMenu {
  caption: string;
  entries: MenuEntry[];
}
export interface RecordedDialog {
  kind: 'sidebar' | 'modal' | 'modeless' | 'alert' | 'prompt';
  title: string;
  /** The HTML shown (sidebar, dialogs) or the message (alert, prompt). */
  content: string;
}

const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

const MENU_METHODS = ['addItem', 'addSeparator', 'addSubMenu', 'addToUi'] as const;
const UI_METHODS = [
  'createMenu',
  'createAddonMenu',
  'alert',
  'prompt',
  'showSidebar',
  'showModalDialog',
  'showModelessDialog',
] as const;

/** The Ui the script gets from SpreadsheetApp.getUi(), counted. */
export function countedUi(session: Session): LocalUi {
  return track(session.calls, 'Ui', new LocalUi(session), { methods: UI_METHODS });
}

function countedMenu(session: Session, caption: string): LocalMenu {
  return track(session.calls, 'Ui', new LocalMenu(session, caption), { methods: MENU_METHODS });
}

export class LocalMenu implements Pick<Localized<GMenu>, (typeof MENU_METHODS)[number]> {
  readonly record: RecordedMenu;
  constructor(
    private readonly session: Session,
    caption: string,
  ) {
    this.record = { caption, entries: [] };
  }
  addItem(caption: string, functionName: string): LocalMenu {
    this.record.entries.push({ item: caption, functionName });
    return this;
  }
  addSeparator(): LocalMenu {
    this.record.entries.push({ separator: true });
    return this;
  }
  addSubMenu(menu: LocalMenu): LocalMenu {
    this.record.entries.push({ subMenu: menu.record });
    return this;
  }
  addToUi(): void {
    const menus = this.session.ui.menus;
    const same = menus.findIndex((m) => m.caption === this.record.caption);
    if (same >= 0) menus[same] = this.record;
    else menus.push(this.record);
  }
}

/** Something with HTML content, as HtmlService's HtmlOutput (from local/services) is. */
interface HtmlLike {
  getContent?(): string;
  getTitle?(): string;
}

export class LocalUi implements Pick<Localized<GUi>, (typeof UI_METHODS)[number]> {
  readonly Button = BUTTON as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = BUTTON_SET as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  /** Menus added with addToUi, in order. */
  readonly menus: RecordedMenu[] = [];
  /** Sidebars, dialogs, alerts and prompts shown, in order. */
  readonly dialogs: RecordedDialog[] = [];
  /** Answers for the next alert/prompt calls (tests push; default: OK with empty text). */
  readonly responses: { button: keyof typeof BUTTON; text?: string }[] = [];

  constructor(private readonly session: Session) {}

  createMenu(caption: string): LocalMenu {
    return countedMenu(this.session, caption);
  }

  /**
   * Add-on menus sit under Extensions, captioned with the add-on's name when it is installed as an add-on, and
   * with the script project's name in a bound copy (the runtime's `mode`), recorded as "Extensions › <name>".
   */
  createAddonMenu(): LocalMenu {
    return countedMenu(this.session, `Extensions › ${this.session.env.addonMenuCaption ?? 'PartnerPulse'}`);
  }

  alert(titleOrPrompt: string, promptOrButtons?: unknown, _buttons?: unknown): GoogleAppsScript.Base.Button {
    this.record('alert', titleOrPrompt, promptOrButtons);
    return (this.responses.shift()?.button ?? 'OK') as unknown as GoogleAppsScript.Base.Button;
  }

  prompt(titleOrPrompt: string, promptOrButtons?: unknown, _buttons?: unknown): GoogleAppsScript.Base.PromptResponse {
    this.record('prompt', titleOrPrompt, promptOrButtons);
    const answer = this.responses.shift() ?? { button: 'OK' as const, text: '' };
    return {
      getResponseText: () => answer.text ?? '',
      getSelectedButton: () => answer.button as unknown as GoogleAppsScript.Base.Button,
    };
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.show('sidebar', userInterface, undefined);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modal', userInterface, title);
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modeless', userInterface, title);
  }

  /** alert(prompt) or alert(title, prompt, buttons), and prompt alike. */
  private record(kind: 'alert' | 'prompt', titleOrPrompt: string, promptOrButtons: unknown): void {
    const [title, message] =
      typeof promptOrButtons === 'string' ? [titleOrPrompt, promptOrButtons] : ['', titleOrPrompt];
    this.dialogs.push({ kind, title, content: message });
  }

  private show(kind: RecordedDialog['kind'], html: unknown, title: string | undefined): void {
    const h = html as HtmlLike;
    const content =
      typeof html === 'string' ? html : typeof h?.getContent === 'function' ? h.getContent() : String(html);
    this.dialogs.push({ kind, title: title ?? (typeof h?.getTitle === 'function' ? h.getTitle() : ''), content });
  }
}
