/**
 * Flags spam and coordinated posting at ingest (after stories, whose ids it reads), in the batch's
 * transaction; lets a person overrule a flag; and says per topic whether alert counts leave flagged
 * posts out (`spam-setting.ts`).
 */
import type { Mention } from '@shared/domain/mention';
import { CoordinationDetector } from '@shared/logic/signals/coordination';
import type { Logger } from '../base/logger';
import type { IngestPipeline } from '../pipeline/ingest';
import { UNKNOWN_AUTHOR } from '../sources/import/mention-mapping';
import type { MentionFlag } from '@shared/domain/mention-flag';
import type { Store } from '../store/store';
import { setSpamExcluded, spamExcluded } from './spam-setting';

export class CoordinationService {
  private detector = new CoordinationDetector();
  /** A batch judged but not yet committed: if the next batch finds it so, it rolled back. */
  private uncommitted = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  attach(pipeline: IngestPipeline): void {
    pipeline.addStoredHook((_sourceId, stored, now) => this.judge(stored, now));
    pipeline.onBatch(() => {
      this.uncommitted = false;
    });
  }

  judge(stored: readonly Mention[], now: number): void {
    // The last batch rolled back: the posts it remembered were never stored (their ids will be reused).
    if (this.uncommitted) this.detector = new CoordinationDetector();
    this.uncommitted = true;
    const ordered = [...stored].sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    let flagged = 0;
    for (const m of ordered) {
      const author = m.authorHandle === UNKNOWN_AUTHOR ? null : m.authorHandle;
      const flags = this.detector.observe({ id: m.id, author, followers: m.authorFollowers, storyId: m.storyId ?? null, text: m.text, at: m.publishedAt });
      for (const f of flags) this.store.flags.flag(f.mentionId, f.reason, now);
      flagged += flags.length;
    }
    if (flagged > 0) this.logger.info('posts flagged as spam or coordinated', { flags: flagged });
  }

  /** A person's word on a post: spam, not spam, or null to go back to the detector's judgement. */
  override(mentionId: number, spam: boolean | null, by: string): MentionFlag {
    const flag = this.store.flags.override(mentionId, spam, by, this.now());
    this.logger.info('spam flag overridden', { mention: mentionId, spam, by });
    return flag;
  }

  excluded(topicId: number | null): boolean {
    return spamExcluded(this.store, topicId);
  }

  setExcluded(topicId: number | null, excluded: boolean): void {
    setSpamExcluded(this.store, topicId, excluded);
  }
}
