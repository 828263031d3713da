/**
 * A per-user limit on how much work one person can ask of the bot: at most `max` commands and
 * button clicks in any `windowMs`. A member who floods the bot is told to wait; everyone else is
 * served as before, because each person has a window of their own.
 */

export interface CooldownSettings {
  /** The length of the sliding window; 0 turns the cooldown off. */
  windowMs: number;
  /** How many commands and button clicks one person may use in one window. */
  max: number;
}

/** Generous for a person reading and paging, tight for a script or a held-down key. */
export const DEFAULT_COOLDOWN: CooldownSettings = { windowMs: 10_000, max: 8 };

/**
 * Autocomplete, counted apart from commands: Discord asks once per keystroke, so a person typing
 * a name fast stays well inside this, and a script sending suggestions in a loop does not.
 */
export const AUTOCOMPLETE_COOLDOWN: CooldownSettings = { windowMs: 10_000, max: 60 };

export type CooldownVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** When the oldest use in the window expires and the person may try again. */
      retryAfterMs: number;
      /** True for the first refusal since the person was last let through, so a flood logs once. */
      first: boolean;
    };

interface UserWindow {
  /** Times of the uses let through, oldest first; never more than `max`. */
  uses: number[];
  refusing: boolean;
}

export class Cooldown {
  readonly #settings: CooldownSettings;
  readonly #now: () => number;
  readonly #users = new Map<string, UserWindow>();
  #lastSweep = 0;

  constructor(settings: CooldownSettings = DEFAULT_COOLDOWN, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
  }

  /** How many people are currently remembered; the bound on the memory this takes. */
  get tracked(): number {
    return this.#users.size;
  }

  /** Records one use by `userId` if it is allowed; a refused use is not counted against them. */
  take(userId: string): CooldownVerdict {
    const { windowMs, max } = this.#settings;
    if (windowMs <= 0) return { allowed: true };
    const now = this.#now();
    this.#sweep(now);
    const since = now - windowMs;
    let user = this.#users.get(userId);
    if (!user) {
      user = { uses: [], refusing: false };
      this.#users.set(userId, user);
    }
    while (user.uses.length > 0 && (user.uses[0] as number) <= since) user.uses.shift();
    if (user.uses.length >= max) {
      const first = !user.refusing;
      user.refusing = true;
      const retryAfterMs = Math.max(0, (user.uses[0] as number) + windowMs - now);
      return { allowed: false, retryAfterMs, first };
    }
    user.uses.push(now);
    user.refusing = false;
    return { allowed: true };
  }

  /** Forgets, at most once a window, everyone whose last use has left the window. */
  #sweep(now: number): void {
    const { windowMs } = this.#settings;
    if (now - this.#lastSweep < windowMs) return;
    this.#lastSweep = now;
    for (const [userId, user] of this.#users) {
      const last = user.uses.at(-1);
      if (last === undefined || last <= now - windowMs) this.#users.delete(userId);
    }
  }
}

/** The private notice a person gets while their cooldown lasts. */
export function cooldownNotice(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `You're going a little fast for me. Please wait ${wait}, then try again.`;
}
