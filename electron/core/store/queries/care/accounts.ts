/** The platform accounts replies are sent from; the table keeps only a reference to each secret. */
import type { CareAccount } from '@shared/domain/care';
import type { Db } from '../../database';

interface AccountRow {
  id: number;
  platform: string;
  name: string;
  base_url: string;
  identifier: string;
  secret_ref: string;
}

export type StoredAccount = Omit<CareAccount, 'hasSecret'> & { secretRef: string };

export function accountQueries(db: Db) {
  const all = db.prepare<[], AccountRow>('SELECT * FROM care_accounts ORDER BY name');
  const insert = db.prepare(
    'INSERT INTO care_accounts (platform, name, base_url, identifier, secret_ref) VALUES (@platform, @name, @baseUrl, @identifier, @secretRef)',
  );
  const update = db.prepare(
    'UPDATE care_accounts SET platform = @platform, name = @name, base_url = @baseUrl, identifier = @identifier, secret_ref = @secretRef WHERE id = @id',
  );

  function accounts(): StoredAccount[] {
    return all.all().map((r) => ({
      id: r.id,
      platform: r.platform as CareAccount['platform'],
      name: r.name,
      baseUrl: r.base_url,
      identifier: r.identifier,
      secretRef: r.secret_ref,
    }));
  }

  return {
    accounts,
    account(id: number): StoredAccount | null {
      return accounts().find((a) => a.id === id) ?? null;
    },
    saveAccount(a: { id: number | null; platform: CareAccount['platform']; name: string; baseUrl: string; identifier: string; secretRef: string }): number {
      if (a.id === null) return Number(insert.run(a).lastInsertRowid);
      update.run(a);
      return a.id;
    },
  };
}
