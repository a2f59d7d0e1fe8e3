/** CRM customers, the social handles that identify them, and notes kept about them. */
import type { Customer } from '@shared/domain/care';
import type { Db } from '../../database';

interface CustomerRow {
  id: number;
  crm_id: string;
  name: string;
  lifetime_value: number;
  tier: string;
  notes: string;
  imported_at: number;
  handles: string | null;
}

export type CustomerRecord = Omit<Customer, 'brandScore'>;

function toCustomer(r: CustomerRow): CustomerRecord {
  return {
    id: r.id,
    crmId: r.crm_id,
    name: r.name,
    handles: r.handles ? (JSON.parse(r.handles) as string[]).sort() : [],
    lifetimeValue: r.lifetime_value,
    tier: r.tier,
    notes: r.notes,
    importedAt: r.imported_at,
  };
}

const CUSTOMER_COLUMNS = `c.*, (SELECT json_group_array(handle) FROM care_customer_handles h WHERE h.customer_id = c.id) AS handles`;

export function customerQueries(db: Db) {
  const byId = db.prepare<[number], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM care_customers c WHERE c.id = ?`);
  const idByHandle = db.prepare('SELECT customer_id FROM care_customer_handles WHERE handle = ?').pluck();
  const byValue = db.prepare<[number], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM care_customers c ORDER BY c.lifetime_value DESC, c.id LIMIT ?`);
  const upsert = db.prepare(
    `INSERT INTO care_customers (crm_id, name, lifetime_value, tier, imported_at) VALUES (@crmId, @name, @lifetimeValue, @tier, @at)
     ON CONFLICT (crm_id) DO UPDATE SET name = excluded.name, lifetime_value = excluded.lifetime_value, tier = excluded.tier, imported_at = excluded.imported_at`,
  );
  const idByCrmId = db.prepare('SELECT id FROM care_customers WHERE crm_id = ?').pluck();
  const setHandle = db.prepare(
    'INSERT INTO care_customer_handles (handle, customer_id) VALUES (?, ?) ON CONFLICT (handle) DO UPDATE SET customer_id = excluded.customer_id',
  );
  const relink = db.prepare(
    `UPDATE care_conversations SET customer_id = (SELECT h.customer_id FROM care_customer_handles h WHERE h.handle = substr(author_key, instr(author_key, ':') + 1))
     WHERE customer_id IS NOT (SELECT h.customer_id FROM care_customer_handles h WHERE h.handle = substr(author_key, instr(author_key, ':') + 1))`,
  );
  // Notes belong to a conversation or to a customer; only a customer's are read back here.
  const insertNote = db.prepare('INSERT INTO care_notes (conversation_id, customer_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)');
  const notesOf = db.prepare<[number], { author: string; text: string; createdAt: number }>(
    'SELECT author, text, created_at AS createdAt FROM care_notes WHERE customer_id = ? ORDER BY id',
  );

  function customer(id: number): CustomerRecord | null {
    const row = byId.get(id);
    return row ? toCustomer(row) : null;
  }

  return {
    customer,
    customerByHandle(handle: string): CustomerRecord | null {
      const id = idByHandle.get(handle) as number | undefined;
      return id === undefined ? null : customer(id);
    },
    customerIdByHandle(handle: string): number | null {
      return (idByHandle.get(handle) as number | undefined) ?? null;
    },
    customers(limit: number): CustomerRecord[] {
      return byValue.all(limit).map(toCustomer);
    },
    upsertCustomer(c: { crmId: string; name: string; lifetimeValue: number; tier: string; at: number }): number {
      upsert.run(c);
      return idByCrmId.get(c.crmId) as number;
    },
    setCustomerHandle(handle: string, customerId: number): void {
      setHandle.run(handle, customerId);
    },
    /** Links every conversation to the CRM customer holding its author's handle (one pass after an import). */
    relinkCustomers(): number {
      return relink.run().changes;
    },
    addNote(conversationId: number | null, customerId: number | null, author: string, text: string, at: number): void {
      insertNote.run(conversationId, customerId, author, text, at);
    },
    customerNotes(customerId: number): { author: string; text: string; createdAt: number }[] {
      return notesOf.all(customerId);
    },
  };
}
