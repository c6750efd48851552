/** The images of a report, rendered once and used by every format: file name → SVG text. */
export interface ReportFigures {
  /** `overview-map.svg`, `incident-N-map.svg`, `chart-*.svg`. */
  files: Map<string, string>;
  /** Chart file names by table, in the order the report shows them. */
  charts: { byDay: string; byRule: string; byParty: string; byZone: string; violationsByParty: string };
}

/** The signing key a report names (its public key is printed in the annex). */
export interface SigningKeyInfo {
  keyId: string;
  publicKeyPem: string;
}
