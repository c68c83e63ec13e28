/** Gives back a slot taken from a {@link Semaphore}; calling it twice is harmless. */
export type Release = () => void;

/**
 * At most `size` holders at once; the rest wait in arrival order. A wait is bounded: `acquire`
 * resolves with `undefined` when no slot came free within `waitMs`, so every caller can turn a
 * full semaphore into an error of its own (a timeout, an outage) instead of waiting forever.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: Array<{ grant: (release: Release) => void }> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`semaphore size must be >= 1 (got ${size})`);
  }

  /** Slots held now. */
  get inUse(): number {
    return this.held;
  }

  /** Callers waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(waitMs: number): Promise<Release | undefined> {
    if (this.held < this.size) {
      this.held += 1;
      return Promise.resolve(this.releaser());
    }
    if (waitMs <= 0) return Promise.resolve(undefined);
    return new Promise<Release | undefined>((resolve) => {
      const entry = {
        grant: (release: Release) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      }, waitMs);
      this.waiting.push(entry);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter: `held` stays the same.
      if (next) next.grant(this.releaser());
      else this.held -= 1;
    };
  }
}
