/** A half-open interval of time `[from, to)` in epoch milliseconds. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** Throws when the window is empty, inverted or not made of finite times: a caller bug. */
export function assertTimeWindow(window: TimeWindow): void {
  if (!Number.isFinite(window.from) || !Number.isFinite(window.to)) {
    throw new RangeError(`window bounds must be finite times, got from=${window.from} to=${window.to}`);
  }
  if (window.to <= window.from) {
    throw new RangeError(
      `window end must be after its start, got from=${new Date(window.from).toISOString()} to=${new Date(window.to).toISOString()}`,
    );
  }
}

/** The window of equal length that ends where this one starts (the trend baseline). */
export function previousWindow(window: TimeWindow): TimeWindow {
  return { from: window.from - (window.to - window.from), to: window.from };
}

/** Whether `time` lies in `[from, to)`. */
export function inWindow(window: TimeWindow, time: number): boolean {
  return time >= window.from && time < window.to;
}
