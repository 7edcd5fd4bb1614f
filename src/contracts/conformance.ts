// The server's google.script.run entries (src/index.ts) against each client's contract: a renamed entry, a
// changed argument or result, or a Date crossing, is a compile error here rather than a failure in Google's
// sandboxed iframe (docs/qbr-sidebar.md, docs/settings.md).
import type * as Entries from '../index';
import type { QbrSidebarServer } from './qbrSidebar';
import type { EveryCallDateFree, Holds } from './scriptRun';
import type { SettingsDialogServer } from './settingsDialog';

type Server = typeof Entries;
/** Compiles only when the server's entries named by the contract take its arguments and give its results. */
type Serves<Contract, Given extends Contract> = Given extends Contract ? true : never;

export type SidebarServed = Serves<QbrSidebarServer, Pick<Server, keyof QbrSidebarServer>>;
export type SettingsDialogServed = Serves<SettingsDialogServer, Pick<Server, keyof SettingsDialogServer>>;
export type SidebarDateFree = Holds<EveryCallDateFree<QbrSidebarServer>>;
export type SettingsDialogDateFree = Holds<EveryCallDateFree<SettingsDialogServer>>;
