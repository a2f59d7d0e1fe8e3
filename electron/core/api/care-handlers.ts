/** The core's implementation of the calls in `shared/contract/areas/care.ts`. */
import type { careParams, InboxFilterParams } from '@shared/contract/areas/care';
import type { ConversationStatus } from '@shared/domain/care';
import type { CoreServices } from '../app/services';
import { inboxSearch } from '../care/inbox-search';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';
import { callerName, callerRole, roleAllows, type Caller } from '@shared/contract/access';
import type { InboxFilter } from '../store/queries/care';

const OPEN_STATUSES: ConversationStatus[] = ['new', 'assigned', 'waiting-on-customer', 'escalated'];

export function careHandlers(services: CoreServices): HandlersFor<typeof careParams> {
  const care = services.care;
  const toFilter = (f: InboxFilterParams): InboxFilter => ({
    statuses: f.statuses && f.statuses.length > 0 ? f.statuses : OPEN_STATUSES,
    assignee: f.assignee,
    topicId: f.topicId,
    sourceId: f.sourceId,
    needsReply: f.needsReply,
    platform: f.platform,
    sentiment: f.sentiment,
    emotion: f.emotion,
    intent: f.intent,
    segment: f.segment,
    lang: f.lang,
    ...inboxSearch(services.store, f.search),
  });
  return {
    'care.inbox': (p) => care.inbox({ filter: toFilter(p.filter), sort: p.sort, cursor: p.cursor, limit: p.limit }),
    'care.conversation.get': (p) => care.detail(p.id),
    'care.conversation.claim': (p) => care.claim(p.id, p.agent),
    'care.conversation.release': (p) => ({ conversation: care.release(p.id, p.agent) }),
    'care.conversation.assign': (p) => ({ conversation: care.assign(p.id, p.to, p.by) }),
    'care.conversation.setStatus': (p) => ({ conversation: care.setStatus(p.id, p.status, p.by) }),
    'care.bulk.matching': (p) => care.bulk.matching(toFilter(p.filter)),
    'care.bulk.similar': (p) => ({ ids: care.bulk.similar(p.id) }),
    'care.bulk.start': (p) => care.bulk.start(p.ids, p.action, p.by),
    'care.bulk.status': (p) => care.bulk.status(p.jobId),
    'care.accounts.replyLimit': (p) => care.limits.forAccount(p.accountId),
    'care.views.list': (_p, { caller } = LOCAL_OWNER_CONTEXT) => ({ views: care.views.list(callerName(caller)) }),
    'care.views.save': (p, { caller } = LOCAL_OWNER_CONTEXT) => ({ views: care.views.save(p, callerName(caller), mayShare(caller)) }),
    'care.views.remove': (p, { caller } = LOCAL_OWNER_CONTEXT) => ({ views: care.views.remove(p.id, callerName(caller), mayShare(caller)) }),
    'care.conversation.triage': (p) => ({ conversation: care.triage(p.id, p.needsReply, p.teach, p.by) }),
    'care.conversation.tag': (p) => ({ conversation: care.tag(p.id, p.tag, p.by, p.remove) }),
    'care.conversation.note': (p) => care.note(p.id, p.text, p.by),
    'care.conversation.escalate': (p) => ({ conversation: care.escalate(p.id, p.to, p.reason, p.by) }),
    'care.conversation.deEscalate': (p) => ({ conversation: care.deEscalate(p.id, p.note, p.by) }),
    'care.conversation.movePrivate': (p) => ({ conversation: care.movePrivate(p.id, p.channel, p.by, p.note) }),
    'care.conversation.resolve': async (p) => ({ conversation: await care.resolve(p.id, p.by) }),
    'care.conversation.survey': (p) => ({ conversation: care.survey(p.id, p.csat, p.nps, p.by) }),
    'care.presence.set': (p) => ({ entries: care.setPresence(p.id, p.agent, p.activity) }),
    'care.presence.list': () => ({ entries: care.presence() }),
    'care.team.get': () => ({ teams: services.store.care.teams(), agents: care.agents(), rules: services.store.care.rules() }),
    'care.team.saveTeam': (p) => care.saveTeam(p.id, p.name),
    'care.team.saveAgent': (p) => ({ agents: care.saveAgent(p) }),
    'care.routing.save': (p) => ({ rules: care.saveRule(p) }),
    'care.routing.remove': (p) => ({ rules: care.removeRule(p.id) }),
    'care.templates.list': () => ({ templates: services.store.care.templates() }),
    'care.templates.save': (p) => care.saveTemplate(p.id, p.name, p.body),
    'care.templates.approve': (p) => {
      care.approveTemplate(p.id, p.by);
      return { templates: services.store.care.templates() };
    },
    'care.accounts.list': () => ({ accounts: care.accounts() }),
    'care.accounts.save': (p) => ({ accounts: care.saveAccount(p) }),
    'care.replies.send': (p) => care.reply(p),
    'care.replies.approve': (p) => care.approveReply(p.replyId, p.by, p.approve, p.reason),
    'care.replies.retry': (p) => care.retryReply(p.replyId, p.by, p.byHand),
    'care.customers.list': (p) => ({ customers: care.customers(p.limit) }),
    'care.customers.get': (p) => care.customerView(p),
    'care.customers.import': (p) => care.importCrm(p.csv, p.by),
    'care.customers.note': (p) => care.addCustomerNote(p.customerId, p.text, p.by),
    'care.kpis': (p) => care.kpis(p),
    'care.settings.get': () => ({ settings: care.settings() }),
    'care.settings.save': (p) => ({ settings: care.saveSettings(p) }),
  };
}

/** Shared views are the team's: leads and admins save and remove them. */
function mayShare(caller: Caller): boolean {
  const role = callerRole(caller);
  return role !== null && roleAllows(role, 'lead');
}
