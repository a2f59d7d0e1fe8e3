/**
 * Care's tables: conversations and their mentions, the append-only history, team, routing rules,
 * templates, replies, accounts (secret references only) and CRM customers. Each module prepares
 * its own statements once; `store.care` is their union.
 */
import type { Db } from '../../database';
import { accountQueries } from './accounts';
import { conversationQueries } from './conversations';
import { customerQueries } from './customers';
import { groupingQueries } from './grouping';
import { inboxQueries } from './inbox';
import { kpiQueries } from './kpis';
import { replyQueries } from './replies';
import { surveyQueries } from './surveys';
import { teamQueries } from './team';
import { templateQueries } from './templates';
import { triageQueries } from './triage';
import { viewQueries } from './views';

export type { StoredAccount } from './accounts';
export type { CustomerRecord } from './customers';
export type { ConversationJoin, GroupingRow, NewConversation } from './grouping';
export type { InboxFilter, InboxSort } from './inbox';
export type { StoredReply } from './replies';
export type { PendingSurvey } from './surveys';
export { toSummary, type StoredConversation } from './rows';

export type CareQueries = ReturnType<typeof careQueries>;

export function careQueries(db: Db) {
  return {
    ...conversationQueries(db),
    ...groupingQueries(db),
    ...inboxQueries(db),
    ...kpiQueries(db),
    ...teamQueries(db),
    ...templateQueries(db),
    ...accountQueries(db),
    ...replyQueries(db),
    ...customerQueries(db),
    ...triageQueries(db),
    ...viewQueries(db),
    ...surveyQueries(db),
  };
}
