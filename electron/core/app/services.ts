/**
 * The core's long-lived parts, built once per data folder. Start-up and tests build them the same
 * way, so a test exercises exactly the wiring the app runs. Each area adds its own service here.
 */
import { AlertService } from '../alerts/alert-service';
import { compileKeywordQuery } from '../alerts/keyword';
import { WEBHOOK_SECRET_FIELD, WebhookDispatcher, webhookSecretKey } from '../alerts/webhooks';
import { CareService } from '../care/care-service';
import { LiveHub } from '../live/hub';
import { poolFromEnv } from '../pipeline/analysis-pool';
import { IngestPipeline } from '../pipeline/ingest';
import { Scheduler } from '../scheduler/scheduler';
import { SecretStore, type SecretCipher } from '../secrets/secret-store';
import { SourceManager } from '../source-admin/source-manager';
import type { Store } from '../store/store';
import { CoordinationService } from '../stories/coordination-service';
import { StoryService } from '../stories/story-service';
import { TopicService } from '../topics/topic-service';
import { UnderstandingService } from '../understanding/service';
import { trendingTerms } from '../understanding/trends';
import { WallService } from '../walls/wall-service';
import { Workspaces } from '../review/workspaces';
import { ReviewService } from '../review/review-service';
import { EXPORTS_FOLDER, ReportService } from '../reports/report-service';
import { BundleService } from '../bundles/bundle-service';
import { DrillService } from '../drills/drill-service';
import { WebhookReceiver } from '../sources/webhook/webhook-receiver';
import { WEBHOOK_DEFAULT_PORT } from '@shared/contract/source-config/webhook';
import { dirname, join } from 'node:path';
import type { Logger } from '../base/logger';
import { AccessService } from '../people/access-service';
import { AuditService } from '../people/audit-service';
import { ServerPaths } from '../people/server-paths';
import { homedir, tmpdir } from 'node:os';
import { createOutboundGuard, type OutboundGuard } from '../net/outbound-guard';
import { OutboundSettings } from '../net/outbound-settings';
import { DiskStatus } from './disk-status';
import { secretDestination } from '../secrets/secret-destination';

export interface CoreServices {
  store: Store;
  logger: Logger;
  now: () => number;
  pipeline: IngestPipeline;
  scheduler: Scheduler;
  /** Sources' tokens and keys (secrets.json in the data folder; OS-keychain encrypted in the app). */
  secrets: SecretStore;
  /** Whether the data folder's disk can take writes (health and the webhook receiver ask). */
  disk: DiskStatus;
  /** Settings → Outbound: the allowlist of internal hosts the core may reach. */
  outbound: OutboundSettings;
  /** Every outbound request (feeds, APIs, tests, replies, webhooks, streams) goes through it. */
  outboundGuard: OutboundGuard;
  /** Add, change, test and delete sources (the Sources settings screen). */
  sources: SourceManager;
  alerts: AlertService;
  /** Outbound alert webhooks (Slack, Teams, signed JSON) with retries and a delivery log. */
  alertDelivery: WebhookDispatcher;
  hub: LiveHub;
  walls: WallService;
  /** Topics: live matching of every stored mention, history re-tagging, preview, share of voice. */
  topics: TopicService;
  /** The HTTP listener for webhook sources (`POST /hooks/<source id>`); listens while one exists. */
  webhooks: WebhookReceiver;
  /** Care: conversations grouped at ingest, inbox, team, replies, customers, KPIs. */
  care: CareService;
  /** Understanding: the workspace's sentiment model, intents, clout; authors and trending terms at ingest. */
  understanding: UnderstandingService;
  /** Review: the live workspace and read-only copies (another data folder, an incident bundle). */
  workspaces: Workspaces;
  /** Review: annotations, the timeline, the record's size and retention. */
  review: ReviewService;
  /** Incident reports: the model, CSV and PDF exports (written to <data folder>/exports). */
  reports: ReportService;
  /** Incident bundles: export to <data folder>/exports, verify, import as a read-only workspace. */
  bundles: BundleService;
  /** Crisis drills: scenario library, the runner that injects a drill, drill reports. */
  drills: DrillService;
  /** People, sign-in sessions, paired walls and their open connections. */
  access: AccessService;
  /** Every state-changing call, kept by its own retention. */
  audit: AuditService;
  /** Which files and folders of the hub a call may name (uploads for remote sessions). */
  paths: ServerPaths;
  /** Stories: reposts and near-copies grouped at ingest; what drives a spike. */
  stories: StoryService;
  /** Spam and coordinated posting: flags at ingest, people's overrides, per-topic exclusion from alert counts. */
  coordination: CoordinationService;
}

export interface ServiceOptions {
  /** The Electron shell's OS-keychain cipher; without it secrets are kept in a file only the user can read. */
  secretCipher?: SecretCipher | null;
  /** Where the webhook receiver listens (default 127.0.0.1:4871; port 0 picks a free one). */
  webhook?: { host: string; port: number };
  /** The app's version, written into incident bundles. */
  appVersion?: string;
  /** Folders the local owner may name files in (default: the home folder and the temp folder); the data folder always. */
  allowedFolders?: readonly string[];
}

export function buildServices(store: Store, logger: Logger, now: () => number = Date.now, options: ServiceOptions = {}): CoreServices {
  const pipeline = new IngestPipeline(store, logger, now, { pool: poolFromEnv() });
  const disk = new DiskStatus(dirname(store.db.name), now);
  pipeline.onWriteFailure((error) => {
    if (disk.noteFailure(error)) logger.error('the disk is full: mentions cannot be stored', { dataDir: dirname(store.db.name) });
  });
  pipeline.onBatch(() => disk.noteWritten());
  const outbound = new OutboundSettings(store);
  const outboundGuard = createOutboundGuard(() => outbound.policy());
  const scheduler = new Scheduler(store, pipeline, logger, { now, outbound: outboundGuard });
  const secrets = new SecretStore(dirname(store.db.name), options.secretCipher ?? null);
  const sources = new SourceManager(store, scheduler, secrets, logger, now);
  const hub = new LiveHub();
  const walls = new WallService(store, hub, logger, now);
  const topics = new TopicService(store, pipeline, hub, logger, now);
  // After topics: term counts per topic read the tags the topic hook has just set.
  const understanding = new UnderstandingService({ store, pipeline, hub, logger, now });
  // Stories: reposts and near-copies grouped at ingest; rising terms from understanding's counts.
  const stories = new StoryService(store, now, (topicId, minutes) =>
    trendingTerms(store, { topicId, windowMinutes: minutes, baselineMinutes: minutes * 4, now: now(), limit: 5 }).map((t) => t.term),
  );
  stories.attach(pipeline);
  // After stories: the coordination detector reads each post's story.
  const coordination = new CoordinationService(store, logger, now);
  coordination.attach(pipeline);
  // After topics: grouping reads the topic tags the topic hook has just set.
  const care = new CareService(store, hub, logger, now, { secrets, fetch: outboundGuard.fetch });
  care.attach(pipeline);
  // Alerting: care's waiting customers feed the response-time rule, the topic query language the
  // keyword rule, understanding's trending terms and watchlists the trending-term and influencer rules.
  const alerts = new AlertService(store, logger, now, {
    waiting: () => care.waiting(now()),
    compileQuery: compileKeywordQuery,
    trends: (query) => trendingTerms(store, query),
    watchlist: (mention) => store.authors.watchlistsOfHandle(mention.platform, mention.authorHandle)[0]?.name ?? null,
  });
  const alertDelivery = new WebhookDispatcher(store, (id, url) => webhookSecret(secrets, id, url), logger, now, outboundGuard.fetch);
  alerts.setDispatcher(alertDelivery);
  const webhooks = new WebhookReceiver(scheduler, pipeline, logger, options.webhook ?? { host: '127.0.0.1', port: WEBHOOK_DEFAULT_PORT }, now);
  const workspaces = new Workspaces(store, hub, logger, now);
  const review = new ReviewService(store, workspaces, hub, logger, now);
  const reports = new ReportService({
    storeFor: (id) => workspaces.storeFor(id),
    exportsDir: join(dirname(store.db.name), EXPORTS_FOLDER),
    logger,
    now,
    publish: (payload) => hub.publish('reports.exported', payload),
  });
  const bundles = new BundleService(workspaces, logger, now, {
    exportsDir: join(dirname(store.db.name), EXPORTS_FOLDER),
    appVersion: options.appVersion ?? '0.0.0',
  });
  // After care: the drill's hook tags the conversations care has just grouped.
  const drills = new DrillService({ store, pipeline, alerts, hub, logger, now });
  const access = new AccessService(store, logger, now);
  const audit = new AuditService(store, now);
  const paths = new ServerPaths(dirname(store.db.name), options.allowedFolders ?? [homedir(), tmpdir()]);
  return {
    store,
    logger,
    now,
    pipeline,
    scheduler,
    secrets,
    disk,
    outbound,
    outboundGuard,
    sources,
    alerts,
    alertDelivery,
    hub,
    walls,
    topics,
    webhooks,
    care,
    understanding,
    workspaces,
    review,
    reports,
    bundles,
    drills,
    access,
    audit,
    paths,
    stories,
    coordination,
  };
}

/** A destination's signing secret, only for the address it was saved with (older ones: whatever is stored). */
function webhookSecret(secrets: SecretStore, id: number, url: string): string | null {
  if (secrets.problem !== null) return null;
  const savedFor = secrets.destinationOf(webhookSecretKey(id));
  if (savedFor !== null && savedFor !== secretDestination([url])) return null;
  return secrets.get(webhookSecretKey(id), WEBHOOK_SECRET_FIELD);
}
