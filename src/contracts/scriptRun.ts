// What google.script.run can carry (docs/google-fidelity.md): Apps Script refuses a Date crossing it, in
// either direction, so a contract whose arguments or results hold a Date must not compile.

type Fn = (...args: never[]) => unknown;

/** true when T holds a Date anywhere (in an array, an object's field, a union member). */
export type HasDate<T> = T extends Date
  ? true
  : T extends readonly (infer U)[]
    ? HasDate<U>
    : T extends object
      ? true extends { [K in keyof T]: HasDate<T[K]> }[keyof T]
        ? true
        : false
      : false;

/** The calls of a contract whose arguments and result are free of Date; a call with a Date is left out. */
export type DateFreeCalls<Server> = {
  [K in keyof Server]: Server[K] extends Fn
    ? HasDate<ReturnType<Server[K]>> | HasDate<Parameters<Server[K]>> extends false
      ? K
      : never
    : never;
}[keyof Server];

/** true when every call of the contract is free of Date, else false. */
export type EveryCallDateFree<Server> = keyof Server extends DateFreeCalls<Server> ? true : false;

/** Compiles only with `true`: `Holds<EveryCallDateFree<Contract>>`. */
export type Holds<T extends true> = T;
