/**
 * Satisfaction asked rather than typed: after a resolve on a platform Earshot replies on, the
 * approved survey template goes out once as a reply in the thread. The customer's answer is read
 * at ingest (`grouping.ts`), and agents can still type a score by hand (`care.conversation.survey`).
 */
import { firstName, renderTemplate } from '@shared/logic/care/templates';
import { requireConversation, type CareContext } from './care-context';
import type { CareReplies } from './replies';
import { readCareSettings } from './settings';

/** The platforms replies are sent to through an account; elsewhere a question cannot be asked. */
const ASKABLE = new Set(['mastodon', 'bluesky']);

export class CareSurveys {
  constructor(
    private readonly ctx: CareContext,
    private readonly replies: CareReplies,
  ) {}

  /** Asks the configured question in a just-resolved conversation, at most once per conversation. */
  async askAfterResolve(id: number, by: string): Promise<void> {
    const { survey } = readCareSettings(this.ctx);
    if (survey.kind === 'off' || survey.templateId === null) return;
    const c = requireConversation(this.ctx.store, id);
    if (!ASKABLE.has(c.platform) || c.privateChannel !== null) return;
    const q = this.ctx.store.care;
    const template = q.template(survey.templateId);
    const account = q.accounts().find((a) => a.platform === c.platform) ?? null;
    const at = this.ctx.now();
    if (!template?.approvedBy || !account) {
      const why = !template
        ? 'the survey template was removed'
        : !template.approvedBy
          ? `template "${template.name}" is no longer approved`
          : `no reply account for ${c.platform}`;
      q.addEvent(id, at, by, 'survey-not-asked', `no satisfaction question sent: ${why}`);
      return;
    }
    // Claimed before sending, so two resolves (or a reopen and a second resolve) never ask twice.
    if (!q.markSurveyAsked(id, survey.kind, at)) return;
    const text = renderTemplate(template.body, { name: firstName(c.authorName) ?? c.authorHandle, handle: c.authorHandle, agent: by });
    q.addEvent(
      id,
      at,
      by,
      'survey-asked',
      `${survey.kind === 'csat' ? 'CSAT (1–5)' : 'NPS (0–10)'} question from template "${template.name}"; answers read for ${survey.windowDays} days`,
    );
    let failure: string | null;
    try {
      const sent = (await this.replies.reply({ conversationId: id, author: by, text, templateId: template.id, accountId: account.id })).replies.at(-1);
      failure = sent?.status === 'failed' ? (sent.error ?? 'the platform refused it') : null;
    } catch (error) {
      // Refused before sending (too long for the network, say): the resolve itself stands.
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure !== null) {
      // Not delivered: not asked, so the response rate is not diluted by questions nobody saw.
      q.clearSurveyAsked(id);
      q.addEvent(id, this.ctx.now(), by, 'survey-not-asked', `the satisfaction question was not delivered: ${failure}`);
    }
  }
}
