/**
 * The composition root: the only place that knows how the core's parts fit together.
 */
import { WalCheckpointer } from '../store/wal-checkpointer';
import { SECRETS_FILE } from '../secrets/secret-store';
import { resolve } from 'node:path';
import type { HealthReport } from '@shared/domain/health';
import { sourceFreshness } from '@shared/logic/freshness';
import { readLayout, writeLayout } from '../api/core-handlers';
import { createHandlers } from '../api/handlers';
import { wireLivePushes } from '../live/pushes';
import { openSession } from '../live/session';
import { openStore } from '../store/store';
import type { Core, CoreOptions } from './core-api';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { ensurePrivateDir, tightenDataDir } from '../base/private-files';
import { createConsoleLogger } from '../base/logger';
import { buildServices } from './services';
import { setUpSources } from './source-setup';
import { callScope } from '../people/call-scope';
import { publicSafeFrame, publicSafeResult, pushNeedsMasking } from '../people/public-safe';
import type { ApiMethod } from '@shared/contract/api';

export async function startCore(options: CoreOptions): Promise<Core> {
  const dataDir = resolve(options.dataDir);
  const logger = options.logger ?? createConsoleLogger();
  const now = Date.now;
  ensurePrivateDir(dataDir);
  const lock = lockDataDir(dataDir);
  const store = openOrRelease(lock, () => {
    const opened = openStore(dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      setUpSources(opened, options, now());
    } catch (error) {
      opened.close();
      throw error;
    }
    return opened;
  });
  // COMMITs no longer stop to copy the WAL into the database: a worker thread does it.
  const checkpointer = WalCheckpointer.start(store.db, logger, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // Folders and files left readable by older versions (or a loose umask) are tightened now.
  const tightened = tightenDataDir(dataDir, new Set([SECRETS_FILE]));
  if (tightened > 0) logger.info('data folder permissions tightened', { dataDir, changed: tightened });
  const startedAt = now();
  const services = buildServices(store, logger, now, {
    secretCipher: options.secretCipher ?? null,
    appVersion: options.version,
    ...(options.webhook ? { webhook: options.webhook } : {}),
    ...(options.allowedFolders ? { allowedFolders: options.allowedFolders } : {}),
  });
  const { pipeline, scheduler, alerts, hub } = services;
  // The analysis workers load while the rest starts; the first batches are scored on this thread
  // meanwhile, so the first live frame does not wait for them (about a second under load).
  pipeline
    .analysisPool()
    ?.warmUp()
    .catch((error: unknown) => logger.warn('the analysis workers did not start; batches are scored on the core thread', { error: String(error) }));
  // A drill never outlives its core: one left running by a crash is ended (with its report) first.
  services.drills.endInterrupted();

  // Hosts named at start (EARSHOT_OUTBOUND_ALLOW) join the admin's list before any source polls.
  if (options.outboundAllow && options.outboundAllow.length > 0) services.outbound.add(options.outboundAllow);
  // Each stored source with its secrets; one with broken settings is shown as failing, the others start.
  services.sources.registerAll();
  if (services.secrets.problem) logger.error('stored secrets are not used', { problem: services.secrets.problem });

  const health = (): HealthReport => {
    const sources = scheduler.health();
    const at = now();
    const reasons: string[] = [];
    const disk = services.disk.problem();
    if (disk !== null) reasons.push(disk);
    for (const s of sources) {
      const f = sourceFreshness(s, at);
      if (f === 'failing' || f === 'stale') reasons.push(`source "${s.name}" is ${f}`);
    }
    return {
      status: reasons.length > 0 ? 'degraded' : 'ok',
      reasons,
      version: options.version,
      uptimeSeconds: Math.round((at - startedAt) / 1000),
      startedAt,
      mentions: store.mentions.count(),
      dataDir,
      sources,
    };
  };

  const handlers = createHandlers(services, health);
  const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now });
  scheduler.start();
  // Care expires the presence of windows that went quiet.
  services.care.start();
  // Crisis drills inject what is due every couple of seconds while one runs.
  services.drills.startTimer();
  // Review: the read-only workspaces open at the last stop.
  services.workspaces.restore();
  // The record's retention: mentions older than the setting go, hourly (and shortly after start).
  const prune = (): void => {
    try {
      services.review.prune();
    } catch (error) {
      logger.error('record pruning failed', { error: String(error) });
    }
    // The audit log and sign-in sessions keep rules of their own.
    try {
      services.audit.prune();
      services.access.prune();
    } catch (error) {
      logger.error('audit and session pruning failed', { error: String(error) });
    }
  };
  const pruneFirst = setTimeout(prune, 60_000);
  const pruneTimer = setInterval(prune, 3_600_000);
  // The webhook listener follows the sources: it opens when the first webhook source appears.
  const stopWebhookSync = scheduler.onHealth(() => void services.webhooks.sync());
  await services.webhooks.sync();
  // Walls re-report every few seconds; this lets the control view see a silent one go "disconnected".
  const wallsStatusTimer = setInterval(() => services.walls.publishStatus(), 5_000);
  logger.info('core started', { dataDir, version: options.version, sources: scheduler.health().length });

  let stopped: Promise<void> | null = null;
  return {
    dataDir,
    version: options.version,
    openSession: (send, caller, sessionOptions) => {
      const scope = callScope(caller);
      // A public-safe wall's setting is read per answer: a lead may switch it while the wall runs.
      const publicSafe = (): boolean => caller.kind === 'display' && (store.walls.display(caller.displayId)?.config.publicSafe ?? false);
      const session = openSession(
        {
          hub,
          handlers,
          logger,
          version: options.version,
          dataDir,
          now,
          caller,
          stillSignedIn: () => services.access.stillValid(caller),
          ...(scope ? { checkScope: scope } : {}),
          audit: (record) => services.audit.record(record),
          ...(caller.kind === 'display'
            ? {
                filter: {
                  result: (method: ApiMethod, result: unknown) => (publicSafe() ? publicSafeResult(method, result) : result),
                  push: (frame: string) => (pushNeedsMasking(frame) && publicSafe() ? publicSafeFrame(frame) : frame),
                },
              }
            : {}),
        },
        send,
      );
      const untrack = sessionOptions?.end ? services.access.track(caller, sessionOptions.end) : () => undefined;
      return {
        receive: (frame) => session.receive(frame),
        close: () => {
          untrack();
          session.close();
        },
      };
    },
    auth: {
      needsOwner: () => services.access.needsOwner(),
      createOwner: (name, passphrase, userAgent) => services.access.createOwner(name, passphrase, userAgent),
      signIn: (name, passphrase, userAgent) => services.access.signIn(name, passphrase, userAgent),
      signOut: (token) => services.access.signOut(token),
      callerFor: (token) => services.access.callerFor(token),
      startPairing: (userAgent) => services.access.startPairing(userAgent),
      pairingState: (secret, userAgent) => services.access.pairingState(secret, userAgent),
      serviceToken: (name, role) => services.access.serviceToken(name, role),
      newUpload: (fileName) => services.paths.newUpload(fileName),
    },
    health,
    getLayout: () => readLayout(store),
    setLayout: (layout) => writeLayout(store, layout),
    walls: services.walls.shellApi(),
    reports: {
      setPdfRenderer: (renderer) => services.reports.setPdfRenderer(renderer),
      setReveal: (reveal) => services.reports.setReveal(reveal),
      exportPath: (fileName) => services.reports.exportPath(fileName) ?? services.bundles.exportPath(fileName),
    },
    stop() {
      stopped ??= (async () => {
        // A running drill is ended (report kept, its posts removed) while the store is still open.
        services.drills.shutdown();
        scheduler.stop();
        // Before the store closes: a batch still being scored in a worker is then dropped, not written.
        await services.pipeline.close();
        services.care.stop();
        stopWebhookSync();
        await services.webhooks.stop();
        clearInterval(wallsStatusTimer);
        stopPushes();
        // Alert webhooks in flight are abandoned (their retries would outlive the store).
        services.alertDelivery.stop();
        // Topic re-tagging stops between chunks; the store closes after.
        services.topics.stop();
        clearTimeout(pruneFirst);
        clearInterval(pruneTimer);
        services.workspaces.closeAll();
        await checkpointer.stop();
        store.close();
        lock.release();
        logger.info('core stopped', { dataDir });
      })();
      return stopped;
    },
  };
}

/** A start that fails after taking the data-folder lock must give it back. */
function openOrRelease<T>(lock: DataDirLock, open: () => T): T {
  try {
    return open();
  } catch (error) {
    lock.release();
    throw error;
  }
}
