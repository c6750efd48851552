/**
 * Report charts as standalone SVG (issue 12): violations by rule, party or zone as
 * horizontal bars, and by day as vertical bars stacked by party. Drawn for paper (dark text
 * on white) and deterministic: same input → byte-identical SVG.
 */
import { PARTY_PALETTE } from './basemap-colours.js';
import { integerTicks } from './nice-step.js';
import { escapeXml, fitText, fmt, svgOpen, textWidth } from './svg-text.js';

export interface Bar {
  label: string;
  /** A finite value ≥ 0 (a count, hours…). */
  value: number;
  /** Fill; default {@link DEFAULT_BAR_COLOUR}. */
  colour?: string;
}

export interface BarChartInput {
  title: string;
  /** Drawn top to bottom in this order (sort them before: the chart does not reorder). */
  bars: Bar[];
  width: number;
  /** Written after each value (`h`, `km`); counts need none. */
  unit?: string;
}

export interface DailySeries {
  name: string;
  /** Fill; default the party palette in series order. */
  colour?: string;
  /** One finite value ≥ 0 per day, in the order of `days`. */
  values: number[];
}

export interface DailyStackedChartInput {
  title: string;
  /** `YYYY-MM-DD`, in order. */
  days: string[];
  /** Stacked bottom to top in this order; the legend lists them in the same order. */
  series: DailySeries[];
  width: number;
  height: number;
}

export const DEFAULT_BAR_COLOUR = '#1971c2';
/** What an empty chart says: a box with no bars could be read as a drawing failure. */
export const EMPTY_TEXT = 'none in this period';

const TEXT = '#1f2933';
const MUTED = '#616e7c';
const GRID = '#e4e7eb';
const AXIS = '#9aa5b1';
const TITLE_PX = 14;
const TITLE_BAND = 28;
const LABEL_PX = 11;
const ROW_PX = 22;
const BAR_PX = 14;

/**
 * Horizontal bars with their labels on the left and values at the bars' ends; the height
 * follows from the number of bars. An empty list gives a short chart saying
 * {@link EMPTY_TEXT}.
 * @example barChartSvg({ title: 'Violations by rule', bars: [{ label: 'R1', value: 3 }], width: 500 })
 */
export function barChartSvg(input: BarChartInput): string {
  const { title, bars, width } = input;
  if (!(width >= 120)) throw new Error(`barChartSvg: width must be at least 120 px, got ${width}`);
  for (const b of bars) checkValue('barChartSvg', b.label, b.value);
  const unit = input.unit !== undefined && input.unit !== '' ? ` ${input.unit}` : '';
  if (bars.length === 0) {
    const height = TITLE_BAND + 30;
    return `${svgOpen(width, height, title)}${background(width, height)}${titleText(title, width)}<text x="10" y="${TITLE_BAND + 16}" font-size="${LABEL_PX}" font-style="italic" fill="${MUTED}">${EMPTY_TEXT}</text></svg>\n`;
  }
  const height = TITLE_BAND + bars.length * ROW_PX + 8;
  const labelCol = Math.min(width * 0.4, Math.max(...bars.map((b) => textWidth(b.label, LABEL_PX))) + 10);
  const valueTexts = bars.map((b) => `${fmt(b.value)}${unit}`);
  const valueCol = Math.max(...valueTexts.map((t) => textWidth(t, LABEL_PX))) + 8;
  const x0 = labelCol + 4;
  const span = Math.max(1, width - x0 - valueCol - 6);
  const max = Math.max(...bars.map((b) => b.value));
  const parts = [svgOpen(width, height, title), background(width, height), titleText(title, width)];
  bars.forEach((b, i) => {
    const top = TITLE_BAND + i * ROW_PX;
    const mid = top + ROW_PX / 2;
    const len = max > 0 ? (b.value / max) * span : 0;
    parts.push(`<text x="${fmt(labelCol)}" y="${fmt(mid + LABEL_PX * 0.35)}" font-size="${LABEL_PX}" text-anchor="end" fill="${TEXT}">${escapeXml(fitText(b.label, labelCol - 6, LABEL_PX))}</text>`);
    if (len > 0) parts.push(`<rect x="${fmt(x0)}" y="${fmt(mid - BAR_PX / 2)}" width="${fmt(Math.max(len, 1))}" height="${BAR_PX}" fill="${escapeXml(b.colour ?? DEFAULT_BAR_COLOUR)}"/>`);
    parts.push(`<text x="${fmt(x0 + len + 4)}" y="${fmt(mid + LABEL_PX * 0.35)}" font-size="${LABEL_PX}" fill="${TEXT}">${escapeXml(valueTexts[i]!)}</text>`);
  });
  parts.push(`<path d="M${fmt(x0)} ${TITLE_BAND}v${fmt(bars.length * ROW_PX)}" stroke="${AXIS}" stroke-width="1"/>`, '</svg>\n');
  return parts.join('');
}

/**
 * Vertical bars per day stacked by series, with an integer y axis, gridlines, day labels
 * (thinned so they never overlap) and a legend. No days gives a chart saying
 * {@link EMPTY_TEXT}; days that are all zero keep their axis and say it too.
 * @example dailyStackedChartSvg({ title: 'By day', days: ['2026-04-01'], series: [{ name: 'RU', values: [2] }], width: 600, height: 300 })
 */
export function dailyStackedChartSvg(input: DailyStackedChartInput): string {
  const { title, days, series, width, height } = input;
  if (!(width >= 200 && height >= 150)) throw new Error(`dailyStackedChartSvg: needs at least 200×150 px, got ${width}×${height}`);
  for (const s of series) {
    if (s.values.length !== days.length) throw new Error(`dailyStackedChartSvg: series "${s.name}" has ${s.values.length} values for ${days.length} days`);
    s.values.forEach((v, i) => checkValue('dailyStackedChartSvg', `${s.name} on ${days[i]}`, v));
  }
  const parts = [svgOpen(width, height, title), background(width, height), titleText(title, width)];
  const colours = series.map((s, i) => s.colour ?? PARTY_PALETTE[i % PARTY_PALETTE.length]!);
  // Legend: one line of swatches under the title; what does not fit is cut with an ellipsis.
  let lx = 10;
  series.forEach((s, i) => {
    const text = fitText(s.name, Math.max(20, width - lx - 30), LABEL_PX);
    const w = textWidth(text, LABEL_PX);
    if (lx + 14 + w > width) return;
    parts.push(`<rect x="${fmt(lx)}" y="${TITLE_BAND}" width="10" height="10" fill="${escapeXml(colours[i]!)}"/><text x="${fmt(lx + 14)}" y="${TITLE_BAND + 9}" font-size="${LABEL_PX}" fill="${TEXT}">${escapeXml(text)}</text>`);
    lx += 14 + w + 14;
  });
  if (days.length === 0) {
    parts.push(`<text x="10" y="${TITLE_BAND + 36}" font-size="${LABEL_PX}" font-style="italic" fill="${MUTED}">${EMPTY_TEXT}</text></svg>\n`);
    return parts.join('');
  }
  const totals = days.map((_, d) => series.reduce((sum, s) => sum + s.values[d]!, 0));
  const plotTop = TITLE_BAND + (series.length > 0 ? 30 : 12);
  const plotBottom = height - 26;
  const ticks = integerTicks(Math.max(...totals), Math.max(2, Math.floor((plotBottom - plotTop) / 28)));
  const yMax = ticks[ticks.length - 1]!;
  const yOf = (v: number): number => plotBottom - (v / yMax) * (plotBottom - plotTop);
  const left = Math.max(...ticks.map((t) => textWidth(String(t), LABEL_PX))) + 14;
  const band = (width - left - 10) / days.length;
  for (const t of ticks) {
    const y = yOf(t);
    parts.push(`<path d="M${fmt(left)} ${fmt(y)}H${fmt(width - 10)}" stroke="${t === 0 ? AXIS : GRID}" stroke-width="1"/><text x="${fmt(left - 5)}" y="${fmt(y + LABEL_PX * 0.35)}" font-size="${LABEL_PX}" text-anchor="end" fill="${MUTED}">${t}</text>`);
  }
  const barW = Math.max(1, band * 0.7);
  days.forEach((_, d) => {
    let acc = 0;
    const x = left + d * band + (band - barW) / 2;
    series.forEach((s, i) => {
      const v = s.values[d]!;
      if (v <= 0) return;
      const y1 = yOf(acc);
      acc += v;
      const y0 = yOf(acc);
      parts.push(`<rect x="${fmt(x)}" y="${fmt(y0)}" width="${fmt(barW)}" height="${fmt(y1 - y0)}" fill="${escapeXml(colours[i]!)}"/>`);
    });
  });
  // Day labels: the full date when it fits under its bar, else MM-DD, every k-th day.
  const full = textWidth('0000-00-00', LABEL_PX) + 6 <= band;
  const labelW = textWidth(full ? '0000-00-00' : '00-00', LABEL_PX) + 6;
  const every = Math.max(1, Math.ceil(labelW / band));
  days.forEach((day, d) => {
    if (d % every !== 0) return;
    const text = full ? day : day.slice(5);
    parts.push(`<text x="${fmt(left + d * band + band / 2)}" y="${fmt(plotBottom + 15)}" font-size="${LABEL_PX}" text-anchor="middle" fill="${MUTED}">${escapeXml(text)}</text>`);
  });
  if (Math.max(...totals) === 0) {
    parts.push(`<text x="${fmt((left + width - 10) / 2)}" y="${fmt((plotTop + plotBottom) / 2)}" font-size="${LABEL_PX}" font-style="italic" text-anchor="middle" fill="${MUTED}">${EMPTY_TEXT}</text>`);
  }
  parts.push('</svg>\n');
  return parts.join('');
}

function checkValue(fn: string, what: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${fn}: "${what}" has value ${v}; values must be finite and ≥ 0`);
}

function background(width: number, height: number): string {
  return `<rect width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`;
}

function titleText(title: string, width: number): string {
  return `<text x="10" y="19" font-size="${TITLE_PX}" font-weight="bold" fill="${TEXT}">${escapeXml(fitText(title, width - 20, TITLE_PX))}</text>`;
}
