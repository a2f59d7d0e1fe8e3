/**
 * The airline figure as a user with an airline workspace gets it: a real workspace (a SQLite file
 * in a temporary folder, the core's services as the app builds them) loads the airline TRAIN split
 * as a labelled set through the API call the app uses (`adaptation.labelled.add`, in chunks under
 * the frame limit, each checked by its schema), then the TEST tweets are ingested through the
 * pipeline from a source without language tags, and the labels are read back as stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { understandingParams } from '@shared/contract/areas/understanding';
import type { HealthReport } from '@shared/domain/health';
import type { MentionInput, MentionSentiment, SentimentLabel } from '@shared/domain/mention';
import { createHandlers } from '../../electron/core/api/handlers';
import { buildServices } from '../../electron/core/app/services';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { openStore } from '../../electron/core/store/store';
import type { LabelledText } from '../../electron/cli/sentiment-data';

const CHUNK = 1_000;

export interface WorkspaceRun {
  labels: MentionSentiment[];
  /** CPU seconds the workspace spent learning its adaptation from the set. */
  learnCpuSeconds: number;
}

export async function airlineWorkspaceLabels(train: readonly LabelledText[], test: readonly LabelledText[]): Promise<WorkspaceRun> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-airline-workspace-'));
  const started = Date.UTC(2015, 1, 24, 12);
  try {
    const store = openStore(dir);
    store.sources.create({ id: 'airline', kind: 'demo', name: 'airline tweets', config: '{}', enabled: true, intervalMs: 1_000, createdAt: started });
    const services = buildServices(store, createMemoryLogger(), () => started, { webhook: { host: '127.0.0.1', port: 0 } });
    try {
      const handlers = createHandlers(services, () => ({}) as HealthReport);
      const cpu = process.cpuUsage();
      for (let i = 0; i < train.length; i += CHUNK) {
        const params = understandingParams['adaptation.labelled.add'].parse({
          set: 'airline tweets, TRAIN split',
          posts: train.slice(i, i + CHUNK).map((r) => ({ text: r.text, label: r.label as SentimentLabel })),
          by: 'bench',
        });
        await handlers['adaptation.labelled.add'](params);
      }
      const used = process.cpuUsage(cpu);
      const items: MentionInput[] = test.map((r, i) => ({
        externalId: `test-${r.id}`,
        platform: 'x',
        text: r.text,
        publishedAt: started - (test.length - i) * 1_000,
        url: null,
        lang: null,
        authorHandle: `author_${i}`,
        authorName: null,
        authorFollowers: 100,
        authorVerified: false,
        likes: 0,
        reposts: 0,
        replies: 0,
        replyTo: null,
        episode: null,
      }));
      const byId = new Map<string, MentionSentiment>();
      for (let i = 0; i < items.length; i += CHUNK) {
        const result = services.pipeline.ingest('airline', items.slice(i, i + CHUNK), null);
        if (result.skipped.length > 0) throw new Error(`airline test tweets refused by the pipeline: ${result.skipped[0]!.reason}`);
        for (const m of result.stored) byId.set(m.externalId, m.sentiment);
      }
      const labels = items.map((item) => {
        const label = byId.get(item.externalId);
        if (label === undefined) throw new Error(`airline test tweet ${item.externalId} was not stored`);
        return label;
      });
      return { labels, learnCpuSeconds: (used.user + used.system) / 1e6 };
    } finally {
      services.topics.stop();
      await services.topics.idle();
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
