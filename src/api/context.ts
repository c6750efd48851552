import type { AccessService, AuditLog } from '../access/ports.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { LivePipeline } from '../pipeline/live-pipeline.js';
import type { Store } from '../store/ports.js';
import type { ReportLibrary } from '../report/report-library.js';
import type { CaseService } from '../cases/ports.js';
import type { Notifier } from '../cases/notifier.js';
import type { NodeKey } from '../report/signing/node-key.js';
import type { ServeOps } from '../ops/serve-ops.js';
import type { LiveHub } from './live-hub.js';

/** What routes work with; built once by `vigil serve` (or a test). */
export interface ApiContext {
  store: Store;
  access: AccessService;
  audit: AuditLog;
  cases: CaseService;
  notifier: Notifier;
  agreement: CompiledAgreement;
  agreementVersion: number;
  /** The live pipeline, when feeds run in this process (absent in API-only tests). */
  pipeline: LivePipeline | undefined;
  /** Live events for the stream (fed by the pipeline and the incident routes). */
  hub: LiveHub;
  /** Use `Secure` cookies (behind TLS). */
  secureCookies: boolean;
  /** This node's report-signing key (public half at `GET /api/keys`). */
  nodeKey: NodeKey;
  /** Generated compliance report documents (issue 12). */
  reportLibrary: ReportLibrary;
  /** Metrics and readiness (`vigil serve` builds them before the feeds start; absent: built on first use). */
  ops?: ServeOps;
}
