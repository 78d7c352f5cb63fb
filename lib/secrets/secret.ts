const REDACTED = "[redacted]";

/**
 * Holds a decrypted value so that it cannot leak by accident: String(), template literals, JSON.stringify,
 * console.log and Deno.inspect all show `[redacted]`. Only reveal() gives the value, for signing.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [Symbol.for("Deno.customInspect")](): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}

/** An exchange API key pair, both parts held as Secrets. */
export interface Credentials {
  readonly key: Secret;
  readonly secret: Secret;
}
