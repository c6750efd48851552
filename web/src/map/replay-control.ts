import type { ApiClient } from '../api/client.js';
import type { Observation } from '../api/types.js';
import { formatClock, h } from '../ui/dom.js';
import type { MapView } from './map-view.js';
import { groupByEntity, type ObservationsByEntity, replayFrame } from './replay-frame.js';

/** How far back the slider reaches, ms. */
export const REPLAY_WINDOW_MS = 6 * 3600_000;

/** Most observations loaded for one replay (about 50 pages of the API). */
const MAX_REPLAY_OBSERVATIONS = 50_000;

/**
 * The time slider: moving it off "live" loads the observations inside the current view for
 * the last {@link REPLAY_WINDOW_MS} (once per opening) and draws the picture at the chosen
 * minute; "Live" returns to the stream.
 */
export class ReplayControl {
  readonly element: HTMLElement;
  readonly #slider: HTMLInputElement;
  readonly #label: HTMLElement;
  readonly #play: HTMLButtonElement;
  #data: { byEntity: ObservationsByEntity; fromMs: number; toMs: number } | undefined;
  #loading: Promise<void> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly api: ApiClient, private readonly view: MapView) {
    this.#slider = h('input', { type: 'range', min: 0, max: 360, step: 1, value: 360, 'aria-label': 'replay time', 'data-test': 'replay-slider' });
    this.#label = h('span', { class: 'replay-time' }, 'live');
    this.#play = h('button', { type: 'button', title: 'play the replay (1 minute per 100 ms)' }, '▶');
    const live = h('button', { type: 'button', onclick: () => this.goLive() }, 'Live');
    this.#slider.addEventListener('input', () => void this.#show());
    this.#play.addEventListener('click', () => this.#togglePlay());
    this.element = h('div', { class: 'replay' }, h('span', { class: 'replay-title' }, 'Replay −6 h'), this.#play, this.#slider, this.#label, live);
  }

  /** Back to the live picture. */
  goLive(): void {
    this.#stopPlay();
    this.#slider.value = this.#slider.max;
    this.#label.textContent = 'live';
    this.#data = undefined;
    this.view.showReplay(undefined);
  }

  async #show(): Promise<void> {
    const minutes = Number(this.#slider.value);
    if (minutes >= Number(this.#slider.max)) {
      this.goLive();
      return;
    }
    if (this.#data === undefined) {
      this.#loading ??= this.#load();
      this.#label.textContent = 'loading…';
      await this.#loading;
      this.#loading = undefined;
    }
    const d = this.#data;
    if (d === undefined) return;
    const t = d.fromMs + minutes * 60_000;
    this.#label.textContent = formatClock(t);
    this.view.showReplay(replayFrame(d.byEntity, t, this.view.tracks));
  }

  async #load(): Promise<void> {
    const toMs = Date.now();
    const fromMs = toMs - REPLAY_WINDOW_MS;
    const b = this.view.map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(',');
    const rows = await this.api.all<Observation>('/api/observations', { bbox, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }, MAX_REPLAY_OBSERVATIONS);
    this.#data = { byEntity: groupByEntity(rows), fromMs, toMs };
  }

  #togglePlay(): void {
    if (this.#timer !== undefined) {
      this.#stopPlay();
      return;
    }
    if (Number(this.#slider.value) >= Number(this.#slider.max)) this.#slider.value = '0';
    this.#play.textContent = '❚❚';
    this.#timer = setInterval(() => {
      const next = Number(this.#slider.value) + 1;
      if (next >= Number(this.#slider.max)) {
        this.goLive();
        return;
      }
      this.#slider.value = String(next);
      void this.#show();
    }, 100);
  }

  #stopPlay(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#play.textContent = '▶';
  }
}
