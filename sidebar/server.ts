// The sidebar's only way to the server: google.script.run, wrapped in promises whose types come from the
// server's own entry file (src/index.ts), as in enuchi/React-Google-Apps-Script. A renamed server function
// or a changed argument is then a compile error here, not a failure in the sandboxed iframe.
import type * as Server from '../src/index';

type Entries = typeof Server;
/** Functions ending in `_` are private to the server (google.script.run cannot call them either). */
export type Callable = { [K in keyof Entries as K extends `${string}_` ? never : K]: Entries[K] };
type Fn = (...args: never[]) => unknown;

/**
 * Apps Script refuses a Date crossing google.script.run (in either direction), so a server entry whose
 * arguments or result hold a Date must not compile: dates travel as `YYYY-MM-DD` strings.
 */
type HasDate<T> = T extends Date
  ? true
  : T extends readonly (infer U)[]
    ? HasDate<U>
    : T extends object
      ? true extends { [K in keyof T]: HasDate<T[K]> }[keyof T]
        ? true
        : false
      : false;
type DateFree<K extends keyof Callable> = Callable[K] extends Fn
  ? HasDate<ReturnType<Callable[K]>> | HasDate<Parameters<Callable[K]>> extends false
    ? K
    : never
  : never;
export type SidebarCall = { [K in keyof Callable]: DateFree<K> }[keyof Callable];

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export function call<K extends SidebarCall>(
  name: K,
  ...args: Parameters<Callable[K]>
): Promise<ReturnType<Callable[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<Callable[K]>))
      .withFailureHandler((error) =>
        reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? error))),
      );
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
