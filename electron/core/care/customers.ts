/**
 * CRM customers: the import, each customer's brand score, and everything about one person, by CRM
 * customer or by social author.
 */
import type { CustomerViewResult } from '@shared/contract/areas/care';
import type { Customer } from '@shared/domain/care';
import { customerBrandScore } from '@shared/logic/care/brand-score';
import { authorKey, normaliseHandle } from '@shared/logic/care/grouping';
import { ApiError } from '../api/api-error';
import { toSummary, type StoredConversation } from '../store/queries/care';
import type { CareContext } from './care-context';
import { CrmFormatError, parseCrmCsv, type CrmRowError } from './crm-import';

/** What the customer view shows: the contract's result type, so the core and the page agree by construction. */
export type CustomerView = CustomerViewResult;

export class CareCustomers {
  constructor(private readonly ctx: CareContext) {}

  importCrm(csv: string, by: string): { imported: number; linkedConversations: number; errors: CrmRowError[] } {
    let parsed: ReturnType<typeof parseCrmCsv>;
    try {
      parsed = parseCrmCsv(csv);
    } catch (error) {
      if (error instanceof CrmFormatError) throw new ApiError('bad-params', `CRM import: ${error.message}`);
      throw error;
    }
    const at = this.ctx.now();
    const linked = this.ctx.store.transaction(() => {
      for (const row of parsed.rows) {
        const id = this.ctx.store.care.upsertCustomer({ ...row, at });
        for (const handle of row.handles) this.ctx.store.care.setCustomerHandle(handle, id);
      }
      return this.ctx.store.care.relinkCustomers();
    });
    this.ctx.logger.info('CRM customers imported', { by, imported: parsed.rows.length, rejected: parsed.errors.length, linked });
    return { imported: parsed.rows.length, linkedConversations: linked, errors: parsed.errors.slice(0, 100) };
  }

  customers(limit: number): Customer[] {
    return this.ctx.store.care.customers(limit).map((c) => this.withScore(c));
  }

  customerRecord(id: number): Customer | null {
    const c = this.ctx.store.care.customer(id);
    return c ? this.withScore(c) : null;
  }

  private withScore(c: Omit<Customer, 'brandScore'>): Customer {
    const conversations = this.ctx.store.care.byCustomer(c.id);
    const clout = conversations.reduce((m, x) => Math.max(m, x.clout), 0);
    const mentions = conversations.reduce((s, x) => s + x.mentionCount, 0);
    return { ...c, brandScore: customerBrandScore({ lifetimeValue: c.lifetimeValue, clout, mentions }) };
  }

  /**
   * Everything about one person: by CRM customer, or by a social author (platform + handle) even
   * when the CRM does not know them.
   */
  customerView(p: { customerId?: number | undefined; platform?: string | undefined; handle?: string | undefined }): CustomerView {
    let customer: Customer | null = null;
    let conversations: StoredConversation[];
    if (p.customerId !== undefined) {
      customer = this.customerRecord(p.customerId);
      if (!customer) throw new ApiError('not-found', `customer ${p.customerId} does not exist`);
      conversations = this.ctx.store.care.byCustomer(p.customerId);
    } else if (p.platform !== undefined && p.handle !== undefined) {
      conversations = this.ctx.store.care.byAuthorKey(authorKey(p.platform, p.handle));
      const id = this.ctx.store.care.customerIdByHandle(normaliseHandle(p.handle));
      customer = id === null ? null : this.customerRecord(id);
    } else {
      throw new ApiError('bad-params', 'give a customerId, or a platform and a handle');
    }
    const ids = conversations
      .flatMap((c) => this.ctx.store.care.mentionIds(c.id))
      .sort((a, b) => b - a)
      .slice(0, 300);
    const mentions = this.ctx.store.mentions.byIds(ids).sort((a, b) => b.publishedAt - a.publishedAt);
    const byDay = new Map<number, { sum: number; n: number }>();
    for (const m of mentions) {
      if (m.sentiment === 'unknown') continue;
      const day = Math.floor(m.publishedAt / 86_400_000) * 86_400_000;
      const d = byDay.get(day) ?? { sum: 0, n: 0 };
      d.sum += m.sentimentScore;
      d.n += 1;
      byDay.set(day, d);
    }
    const notes = customer ? this.ctx.store.care.customerNotes(customer.id) : [];
    return {
      customer,
      conversations: conversations.map(toSummary),
      mentions,
      sentimentByDay: [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, d]) => ({ day, mean: Math.round((d.sum / d.n) * 1000) / 1000, count: d.n })),
      clout: conversations.reduce((m, c) => Math.max(m, c.clout), 0),
      segment: conversations.find((c) => c.segment !== null)?.segment ?? null,
      notes,
    };
  }

  addCustomerNote(customerId: number, text: string, by: string): CustomerView {
    if (!this.ctx.store.care.customer(customerId)) throw new ApiError('not-found', `customer ${customerId} does not exist`);
    this.ctx.store.care.addNote(null, customerId, by, text, this.ctx.now());
    return this.customerView({ customerId });
  }
}
