/** One stretch of the recording's time: the mid's range and where the value ended. */
export interface Bucket {
  /** Start of the stretch (ms). */
  readonly time: number;
  midLow: number;
  midHigh: number;
  midClose: number;
  equityLow: number;
  equityHigh: number;
  equityClose: number;
}

export interface Drawdown {
  /** Largest fall of the value from a peak, in quote units, and as a fraction of that peak. */
  readonly value: number;
  readonly fraction: number;
  /** When the peak was, and the trough. */
  readonly from: number;
  readonly to: number;
}

export interface Exposure {
  /** The base asset's share of the value (0..1): time-weighted average, highest, first and last. */
  readonly average: number;
  readonly max: number;
  readonly start: number;
  readonly end: number;
}

/** The first buckets are this long; they double whenever there are too many, so memory stays flat. */
const FIRST_WIDTH_MS = 1_000;

/**
 * The portfolio's value over the recording (base and quote at the mid, floats: for the curve, drawdown and
 * exposure only, never for amounts): at most `maxBuckets` stretches of time, merged two by two when the
 * recording runs longer, so a day of frames costs what a minute does.
 */
export class Equity {
  readonly #max: number;
  #buckets: Bucket[] = [];
  #origin = NaN;
  #width = FIRST_WIDTH_MS;
  #peak = -Infinity;
  #peakAt = 0;
  #dd: Drawdown = { value: 0, fraction: 0, from: 0, to: 0 };
  #exposureSum = 0;
  #exposureTime = 0;
  #exposureMax = 0;
  #first: number | null = null;
  #last = { time: NaN, exposure: 0 };

  constructor(maxBuckets = 256) {
    if (maxBuckets < 2 || maxBuckets % 2 !== 0) {
      throw new RangeError("Equity needs an even number of buckets");
    }
    this.#max = maxBuckets;
  }

  /** The value at `time`: `base` and `quote` held, the book's `mid` (price units). */
  sample(time: number, mid: number, base: number, quote: number): void {
    const equity = quote + base * mid;
    const exposure = equity > 0 ? Math.min(1, Math.max(0, (base * mid) / equity)) : 0;
    if (Number.isNaN(this.#origin)) this.#origin = time;
    this.#bucketFor(time, mid, equity);
    if (equity > this.#peak) {
      this.#peak = equity;
      this.#peakAt = time;
    } else if (this.#peak - equity > this.#dd.value) {
      this.#dd = {
        value: this.#peak - equity,
        fraction: this.#peak > 0 ? (this.#peak - equity) / this.#peak : 0,
        from: this.#peakAt,
        to: time,
      };
    }
    const last = this.#last;
    if (!Number.isNaN(last.time) && time > last.time) {
      this.#exposureSum += last.exposure * (time - last.time);
      this.#exposureTime += time - last.time;
    }
    this.#first ??= exposure;
    this.#exposureMax = Math.max(this.#exposureMax, exposure);
    this.#last = { time, exposure };
  }

  get drawdown(): Drawdown {
    return this.#dd;
  }

  get exposure(): Exposure {
    const end = this.#last.exposure;
    return {
      average: this.#exposureTime > 0 ? this.#exposureSum / this.#exposureTime : end,
      max: this.#exposureMax,
      start: this.#first ?? 0,
      end,
    };
  }

  /** The curve, oldest first. */
  buckets(): readonly Bucket[] {
    return this.#buckets;
  }

  #bucketFor(time: number, mid: number, equity: number): void {
    while (time - this.#origin >= this.#width * this.#max) this.#merge();
    const start = this.#origin + Math.floor((time - this.#origin) / this.#width) * this.#width;
    const point: Bucket = {
      time: start,
      midLow: mid,
      midHigh: mid,
      midClose: mid,
      equityLow: equity,
      equityHigh: equity,
      equityClose: equity,
    };
    const b = this.#buckets[this.#buckets.length - 1];
    if (b && b.time === start) widen(b, point);
    else this.#buckets.push(point);
  }

  /** Twice as long stretches: neighbours merged. */
  #merge(): void {
    this.#width *= 2;
    const out: Bucket[] = [];
    for (const b of this.#buckets) {
      const start = this.#origin + Math.floor((b.time - this.#origin) / this.#width) * this.#width;
      const last = out[out.length - 1];
      if (last && last.time === start) widen(last, b);
      else out.push({ ...b, time: start });
    }
    this.#buckets = out;
  }
}

/** `b` taken into `into`, the stretch before it: the ranges widened, the closes `b`'s. */
function widen(into: Bucket, b: Bucket): void {
  into.midLow = Math.min(into.midLow, b.midLow);
  into.midHigh = Math.max(into.midHigh, b.midHigh);
  into.midClose = b.midClose;
  into.equityLow = Math.min(into.equityLow, b.equityLow);
  into.equityHigh = Math.max(into.equityHigh, b.equityHigh);
  into.equityClose = b.equityClose;
}
