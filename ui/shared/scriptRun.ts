// A client's only way to the server: google.script.run, wrapped in promises typed from the client's contract
// (src/contracts/, docs/qbr-sidebar.md), as in enuchi/React-Google-Apps-Script. A renamed server function or a
// changed argument is then a compile error here, not a failure in the sandboxed iframe.

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun; host: { close(): void } } };

type Fn = (...args: never[]) => unknown;

/** `call(name, ...args)` for the functions of `Server`, each answering a promise of its result. */
export function scriptRun<Server extends { [K in keyof Server]: Fn }>() {
  return function call<K extends keyof Server & string>(
    name: K,
    ...args: Parameters<Server[K]>
  ): Promise<ReturnType<Server[K]>> {
    return new Promise((resolve, reject) => {
      const runner = google.script.run
        .withSuccessHandler((value) => resolve(value as ReturnType<Server[K]>))
        .withFailureHandler((error) =>
          reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? error))),
        );
      (runner[name] as (...a: unknown[]) => void)(...args);
    });
  };
}

/** Closes the dialog the client runs in (google.script.host). */
export function closeDialog(): void {
  google.script.host.close();
}

/** The server's message without the "Error: " / "Exception: " prefix a thrown error may carry. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^(Error|Exception|InputError): /, '');
}
