/**
 * Bulk work for a crisis: one action over many conversations, run in the background with its
 * progress readable while it runs. Each conversation is handled on its own: a failure is listed
 * and the rest keep going. A bulk reply sends one reply per conversation from one approved
 * template, personalised with that author's name, spaced per platform so a crisis burst never
 * trips the platform's posting limit.
 */
import type { Platform } from '@shared/domain/mention';
import { firstName, renderTemplate } from '@shared/logic/care/templates';
import { ApiError } from '../api/api-error';
import type { BulkJobStatus } from '@shared/contract/areas/care';
import type { InboxFilter } from '../store/queries/care';
import type { CareContext } from './care-context';
import type { ConversationActions } from './conversation-actions';
import type { CareReplies } from './replies';
import type { CareSurveys } from './surveys';
import { readCareSettings } from './settings';

export const BULK_MAX = 5_000;

export type BulkAction = { kind: 'tag'; tag: string } | { kind: 'assign'; to: string | null } | { kind: 'resolve' } | { kind: 'reply'; templateId: number };

/** Jobs are kept this long after they finish, so a window that looked away can still read the outcome. */
const KEEP_FINISHED_MS = 60 * 60_000;

export class CareBulk {
  private readonly jobs = new Map<number, BulkJobStatus>();
  private nextId = 1;
  private readonly lastSend = new Map<string, number>();

  constructor(
    private readonly ctx: CareContext,
    private readonly actions: ConversationActions,
    private readonly replies: CareReplies,
    private readonly surveys: CareSurveys,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Every conversation matching a filter (for "select all matching"), up to BULK_MAX. */
  matching(filter: InboxFilter): { ids: number[]; total: number } {
    const total = this.ctx.store.care.count(filter);
    const ids = this.ctx.store.care.list(filter, 'newest', null, BULK_MAX).map((c) => c.id);
    return { ids, total };
  }

  /** Open conversations whose newest post says the same as this one's, once handles, links and numbers are set aside. */
  similar(id: number): number[] {
    const c = this.ctx.store.care.get(id);
    if (!c) throw new ApiError('not-found', `conversation ${id} does not exist`);
    const key = nearKey(c.preview);
    return this.ctx.store.care
      .openPreviews(BULK_MAX * 4)
      .filter((p) => nearKey(p.preview) === key)
      .map((p) => p.id)
      .slice(0, BULK_MAX);
  }

  start(ids: readonly number[], action: BulkAction, by: string): BulkJobStatus {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw new ApiError('bad-params', 'bulk: select at least one conversation');
    if (action.kind === 'reply') {
      const t = this.ctx.store.care.template(action.templateId);
      if (!t) throw new ApiError('not-found', `template ${action.templateId} does not exist`);
      if (!t.approvedBy) throw new ApiError('conflict', `template "${t.name}" is not approved yet: a bulk reply uses approved responses only`);
    }
    this.forgetOld();
    const job: BulkJobStatus = {
      id: this.nextId++,
      action: action.kind,
      by,
      total: unique.length,
      done: 0,
      succeeded: 0,
      failed: [],
      finished: false,
      startedAt: this.ctx.now(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    void this.run(job, unique, action);
    return { ...job, failed: [...job.failed] };
  }

  status(id: number): BulkJobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new ApiError('not-found', `bulk job ${id} does not exist (finished jobs are kept for an hour)`);
    return { ...job, failed: [...job.failed] };
  }

  private async run(job: BulkJobStatus, ids: readonly number[], action: BulkAction): Promise<void> {
    for (const id of ids) {
      try {
        await this.one(id, action, job.by);
        job.succeeded += 1;
      } catch (error) {
        job.failed.push({ conversationId: id, error: error instanceof Error ? error.message : String(error) });
      }
      job.done += 1;
    }
    job.finished = true;
    job.finishedAt = this.ctx.now();
  }

  private async one(id: number, action: BulkAction, by: string): Promise<void> {
    switch (action.kind) {
      case 'tag':
        this.actions.tag(id, action.tag, by, false);
        return;
      case 'assign':
        this.actions.assign(id, action.to, by);
        return;
      case 'resolve':
        this.actions.resolve(id, by);
        await this.surveys.askAfterResolve(id, by);
        return;
      case 'reply':
        await this.reply(id, action.templateId, by);
    }
  }

  private async reply(id: number, templateId: number, by: string): Promise<void> {
    const c = this.ctx.store.care.get(id);
    if (!c) throw new Error(`conversation ${id} does not exist`);
    const template = this.ctx.store.care.template(templateId)!;
    const account = this.ctx.store.care.accounts().find((a) => a.platform === c.platform) ?? null;
    if (!account) throw new Error(`no reply account for ${c.platform}: add one under Care › Accounts, or reply by hand`);
    await this.paceFor(c.platform);
    const text = renderTemplate(template.body, { name: firstName(c.authorName) ?? c.authorHandle, handle: c.authorHandle, agent: by });
    const detail = await this.replies.reply({ conversationId: id, author: by, text, templateId, accountId: account.id });
    const reply = detail.replies.at(-1);
    if (reply && reply.status === 'failed') throw new Error(reply.error ?? 'the platform refused the reply');
  }

  /** Waits until this platform's spacing since the previous bulk send has passed. */
  private async paceFor(platform: Platform): Promise<void> {
    const intervals: Record<string, number> = readCareSettings(this.ctx).bulkReplyIntervalMs;
    const interval = intervals[platform] ?? 0;
    const last = this.lastSend.get(platform);
    const wait = last === undefined ? 0 : last + interval - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.lastSend.set(platform, Date.now());
  }

  private forgetOld(): void {
    const now = this.ctx.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}

/** "Hi {{name}}" reads better with "Maria" than "Maria Lopez"; a handle stands in when there is no name. */
/** Near-identical texts share this key: case, @handles, links, numbers, punctuation and spacing set aside. */
export function nearKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#]\w+/g, ' ')
    .replace(/\d+/g, ' ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
