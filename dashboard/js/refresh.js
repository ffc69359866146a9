// Auto-refresh that never piles up: the next load is scheduled only after the previous one settles, at most one
// load is in flight, and a new window aborts the load in flight before starting its own.

export class Refresher {
  /**
   * @param {(signal: AbortSignal) => Promise<void>} load
   * @param {{ intervalSeconds: number, onState?: (state: { loading: boolean, paused: boolean }) => void }} options
   */
  constructor(load, { intervalSeconds, onState = () => {} }) {
    this.load = load;
    this.intervalMs = intervalSeconds * 1000;
    this.onState = onState;
    this.paused = false;
    this.controller = null;
    this.timer = null;
    this.generation = 0;
  }

  get loading() {
    return this.controller !== null;
  }

  /** Loads now unless a load is already in flight (a click on "Refresh now" while loading does nothing). */
  refresh() {
    if (this.loading) return;
    this.run();
  }

  /** Aborts a load in flight (its answer is for the old parameters) and loads now. */
  restart() {
    this.controller?.abort();
    this.controller = null;
    this.run();
  }

  setInterval(seconds) {
    this.intervalMs = seconds * 1000;
    if (!this.loading) this.schedule();
  }

  setPaused(paused) {
    this.paused = paused;
    if (paused) this.cancelTimer();
    else if (!this.loading) this.schedule();
    this.notify();
  }

  async run() {
    this.cancelTimer();
    const controller = new AbortController();
    const generation = ++this.generation;
    this.controller = controller;
    this.notify();
    try {
      await this.load(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) console.warn('dashboard load failed', error);
    } finally {
      // A restart may have replaced this load; only the newest one schedules the next.
      if (generation === this.generation) {
        this.controller = null;
        this.schedule();
        this.notify();
      }
    }
  }

  schedule() {
    this.cancelTimer();
    if (this.paused || document.hidden) return;
    this.timer = setTimeout(() => this.run(), this.intervalMs);
  }

  cancelTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Hidden tabs do not poll; coming back loads at once. */
  onVisibilityChange() {
    if (document.hidden) this.cancelTimer();
    else if (!this.paused && !this.loading) this.run();
  }

  notify() {
    this.onState({ loading: this.loading, paused: this.paused });
  }
}
