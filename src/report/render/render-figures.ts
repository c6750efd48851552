import { polygonsOf } from '../../core/geo/polygon-geometry.js';
import type { ReportInputs } from '../report-inputs.js';
import type { ReportData } from '../report-schema.js';
import { barChartSvg, dailyStackedChartSvg } from '../svg/charts-svg.js';
import { renderMapSvg, type MapZone } from '../svg/map-svg.js';
import type { ReportFigures } from './report-figures.js';

const CHART_WIDTH = 680;
/** The part of the agreement area an incident map shows around its incident, degrees each way. */
const INCIDENT_SPAN_DEG = 0.6;

/**
 * The report's maps and charts as SVG: one overview map of the period (every zone, every
 * incident numbered as in the report, the tracks of the entities involved), one map per
 * incident around its position, and a chart per table.
 */
export function renderFigures(r: ReportData, inputs: ReportInputs): ReportFigures {
  const agreement = inputs.agreement;
  const zones: MapZone[] = agreement.zones.filter((z) => z.geometry.type !== 'LineString').map((z) => ({ id: z.id, name: z.name, kind: z.kind, rings: polygonsOf(z.geometry).flat() }));
  const parties = [...agreement.parties.keys()];
  const tracks = inputs.tracks.filter((t) => t.coords.length > 1).map((t) => ({ id: t.id, ...(t.party !== undefined ? { party: t.party } : {}), coords: t.coords }));
  const points = r.incidents.flatMap((i, n) => (i.position === null ? [] : [{ id: String(n + 1), label: `${n + 1}`, lon: i.position.lon, lat: i.position.lat, ...(i.attributedParty !== null ? { party: i.attributedParty } : {}), severity: i.verdict === 'verified-violation' ? 'high' : i.verdict === null ? 'medium' : 'low' }]));
  const files = new Map<string, string>();
  const bbox = zonesBox(agreement.zones.map((z) => z.bbox));
  files.set(r.maps.overview, renderMapSvg({
    width: 1000, height: 700, ...(bbox !== undefined ? { bbox } : {}), zones, tracks, points, parties,
    title: `${r.agreement.title}: ${r.period.from.slice(0, 10)} – ${r.period.to.slice(0, 10)}`, caption: `Prepared for ${r.preparedFor} · ${r.marking}`,
  }));
  r.incidents.forEach((i, n) => {
    if (i.map === null || i.position === null) return;
    const { lon, lat } = i.position;
    const involved = new Set(i.entities);
    files.set(i.map, renderMapSvg({
      width: 700, height: 420, bbox: [lon - INCIDENT_SPAN_DEG, lat - INCIDENT_SPAN_DEG / 1.5, lon + INCIDENT_SPAN_DEG, lat + INCIDENT_SPAN_DEG / 1.5], zones, parties,
      tracks: tracks.filter((t) => involved.has(t.id)), points: points.filter((p) => p.id === String(n + 1)),
      title: `${n + 1}. ${i.title}`, caption: `${i.status}${i.attributedParty !== null ? `, attributed to ${i.attributedParty}` : ''} · ${i.marking}`,
    }));
  });
  const bars = (rows: ReportData['alertsByRule']): { label: string; value: number }[] => rows.map((x) => ({ label: x.label, value: x.count }));
  const charts = { byDay: 'chart-by-day.svg', byRule: 'chart-by-rule.svg', byParty: 'chart-by-party.svg', byZone: 'chart-by-zone.svg', violationsByParty: 'chart-violations-by-party.svg' };
  const seriesParties = [...new Set(r.alertsByDay.flatMap((d) => Object.keys(d.byParty)))].sort();
  files.set(charts.byDay, dailyStackedChartSvg({
    title: 'Alerts by day (UTC), by party', days: r.alertsByDay.map((d) => d.day), width: CHART_WIDTH, height: 260,
    series: seriesParties.map((p) => ({ name: p, values: r.alertsByDay.map((d) => d.byParty[p] ?? 0) })),
  }));
  files.set(charts.byRule, barChartSvg({ title: 'Alerts by rule', bars: bars(r.alertsByRule), width: CHART_WIDTH }));
  files.set(charts.byParty, barChartSvg({ title: 'Alerts by party of the entity', bars: bars(r.alertsByParty), width: CHART_WIDTH }));
  files.set(charts.byZone, barChartSvg({ title: 'Alerts by zone', bars: bars(r.alertsByZone), width: CHART_WIDTH }));
  files.set(charts.violationsByParty, barChartSvg({ title: 'Verified violations by attributed party', bars: bars(r.violationsByParty), width: CHART_WIDTH }));
  return { files, charts };
}

/** The box around every zone with a 5 % margin, or undefined without zones. */
function zonesBox(boxes: readonly [number, number, number, number][]): [number, number, number, number] | undefined {
  if (boxes.length === 0) return undefined;
  const [w, s, e, n] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
  const mx = (e - w) * 0.05;
  const my = (n - s) * 0.05;
  return [w - mx, s - my, e + mx, n + my];
}
