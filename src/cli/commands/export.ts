import { writeFileSync } from 'node:fs';
import type { Principal } from '../../access/roles.js';
import { openAccess } from '../../access/open-access.js';
import { SqliteCaseService } from '../../cases/sqlite-case-service.js';
import { exportRecords, parseExportFile } from '../../interop/export/export-records.js';
import { isNationCode } from '../../store/marking.js';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { fromDataDir } from './data-dir.js';

interface ExportOptions {
  data: string;
  agreement?: string;
  nation: string;
  out?: string;
  from?: string;
  to?: string;
  bbox?: string;
  rule?: string;
  zone?: string;
  party?: string;
}

function time(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CliError(`--${name} "${text}" is not an ISO 8601 time`, 2);
  return ms;
}

/** `vigil export FILE --data DIR --nation X` (issue 13): the API's exports over a data directory, as one nation sees it. */
export const exportCommand: CliCommand = {
  name: 'export',
  args: '<file>',
  summary: 'export tracks, alerts, incidents, reports or zones of a data directory as GeoJSON, KML or CSV (FILE: alerts.geojson, tracks.kml, incidents.acled.csv …)',
  configure(cmd) {
    cmd.requiredOption('--data <dir>', 'data directory')
      .requiredOption('--nation <code>', 'whose eyes: only records releasable to this nation (ISO 3166-1 alpha-3)')
      .option('--agreement <file>', 'agreement YAML (default: the latest version in the store)')
      .option('--out <path>', 'write here instead of stdout')
      .option('--from <time>', 'ISO 8601').option('--to <time>', 'ISO 8601')
      .option('--bbox <box>', 'minLon,minLat,maxLon,maxLat')
      .option('--rule <id>').option('--zone <id>').option('--party <code>')
      .action(async (file: string, o: ExportOptions) => {
        const what = parseExportFile(file);
        if (what === undefined) throw new CliError(`no export "${file}": use tracks|alerts|incidents|reports|zones with .geojson, .kml or .csv, or incidents.acled.csv`, 2);
        if (!isNationCode(o.nation)) throw new CliError(`--nation "${o.nation}" is not an ISO 3166-1 alpha-3 code`, 2);
        const bbox = o.bbox?.split(',').map(Number);
        if (bbox !== undefined && (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)))) throw new CliError(`--bbox "${o.bbox}" is not minLon,minLat,maxLon,maxLat`, 2);
        const { store, dataDir, agreement, cleanup } = await fromDataDir(o.data, o.agreement);
        try {
          const principal: Principal = { userId: 0, username: 'cli', nation: o.nation, roles: ['viewer'], scopes: null, via: 'session' };
          const cases = new SqliteCaseService({ store, audit: openAccess(store).audit, dataDir });
          const fromMs = time(o.from, 'from');
          const toMs = time(o.to, 'to');
          const r = await exportRecords({ store, cases, agreement }, principal, what.name, what.format, {
            ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}),
            ...(bbox !== undefined ? { bbox: bbox as [number, number, number, number] } : {}),
            ...(o.rule !== undefined ? { rule: o.rule } : {}), ...(o.zone !== undefined ? { zone: o.zone } : {}), ...(o.party !== undefined ? { party: o.party } : {}),
          }, `Vigil (${o.nation})`);
          if (o.out !== undefined) writeFileSync(o.out, r.body);
          else process.stdout.write(r.body);
          process.stderr.write(`${file}: ${r.count} record(s) releasable to ${o.nation}${r.truncated ? ' (truncated: narrow the filter)' : ''}\n`);
        } finally {
          await cleanup();
        }
      });
  },
};
