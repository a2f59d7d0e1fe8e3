/** The inbox's pages (sorted, filtered, with an opaque cursor) and one conversation in full. */
import type { ConversationDetail, ConversationSummary } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import { toSummary, type InboxFilter, type InboxSort, type StoredReply } from '../store/queries/care';
import { requireConversation, type CareContext } from './care-context';
import type { CareCustomers } from './customers';

export interface InboxQuery {
  filter: InboxFilter;
  sort: InboxSort;
  cursor: string | null;
  limit: number;
}

export class CareInbox {
  constructor(
    private readonly ctx: CareContext,
    private readonly customers: CareCustomers,
  ) {}

  inbox(query: InboxQuery): { items: ConversationSummary[]; nextCursor: string | null; total: number; totalIsLowerBound: boolean } {
    const after = query.cursor === null ? null : decodeCursor(query.cursor);
    const rows = this.ctx.store.care.list(query.filter, query.sort, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(this.ctx.store.care.sortKey(last, query.sort), last.id) : null;
    const total = query.cursor === null ? this.ctx.store.care.count(query.filter) : -1;
    return { items: page.map(toSummary), nextCursor, total, totalIsLowerBound: query.filter.searchCapped === true };
  }

  detail(id: number): ConversationDetail {
    const c = requireConversation(this.ctx.store, id);
    const mentions = this.ctx.store.mentions.byIds(this.ctx.store.care.mentionIds(id).slice(-500)).sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    return {
      conversation: toSummary(c),
      mentions,
      events: this.ctx.store.care.events(id),
      replies: this.ctx.store.care.replies(id).map(publicReply),
      customer: c.customerId === null ? null : this.customers.customerRecord(c.customerId),
    };
  }
}

/** A reply as windows see it: which post it answers stays in the core. */
function publicReply(r: StoredReply) {
  const { replyToMentionId: _r, ...rest } = r;
  return rest;
}

function encodeCursor(key: number, id: number): string {
  return `${key}:${id}`;
}

function decodeCursor(cursor: string): { key: number; id: number } {
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?):(\d+)$/i.exec(cursor);
  if (!m) throw new ApiError('bad-params', 'cursor: not a cursor this inbox handed out');
  return { key: Number(m[1]), id: Number(m[2]) };
}
