/**
 * Something started at its first use and kept for the next ones (a browser, a tab). A start that
 * fails is not kept: the next use starts again, and says why again. Only that start is forgotten,
 * not one a caller began after it failed.
 */
export class Startable<T> {
  readonly #start: () => Promise<T>;
  #current: Promise<T> | undefined;

  constructor(start: () => Promise<T>) {
    this.#start = start;
  }

  /** Whether it was started, or is starting, and not taken back since. */
  get started(): boolean {
    return this.#current !== undefined;
  }

  get(): Promise<T> {
    if (!this.#current) {
      const starting = this.#start();
      starting.catch(() => {
        if (this.#current === starting) this.#current = undefined;
      });
      this.#current = starting;
    }
    return this.#current;
  }

  /**
   * Lets go of it, for the caller to close: the next use starts anew. Resolves to what was started,
   * or to nothing if it never started or its start failed.
   */
  async take(): Promise<T | undefined> {
    const current = this.#current;
    this.#current = undefined;
    return current?.catch(() => undefined);
  }
}
