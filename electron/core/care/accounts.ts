/** The platform accounts replies are sent from; their secrets live in the secret store, never in the database. */
import type { CareAccount } from '../../../shared/domain/care';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';

/** The part of the SecretStore care uses (the listening area's SecretStore fits). */
export interface CareSecrets {
  get(scope: string, field: string): string | null;
  set(scope: string, field: string, value: string): void;
}

export class CareAccounts {
  constructor(
    private readonly ctx: CareContext,
    private secrets: CareSecrets | null,
  ) {}

  setSecrets(secrets: CareSecrets | null): void {
    this.secrets = secrets;
  }

  accounts(): CareAccount[] {
    return this.ctx.store.care.accounts().map(({ secretRef, ...a }) => ({ ...a, hasSecret: this.readSecret(secretRef) !== null }));
  }

  /** The account's secret, or null when there is none or the secret store cannot be used. */
  readSecret(ref: string): string | null {
    try {
      return this.secrets?.get(ref, 'secret') ?? null;
    } catch {
      return null;
    }
  }

  saveAccount(a: { id: number | null; platform: CareAccount['platform']; name: string; baseUrl: string; identifier: string; secret: string | null }): CareAccount[] {
    if (a.secret !== null && !this.secrets) throw new ApiError('unavailable', 'the secret store is not available, so the token cannot be kept');
    const id = this.ctx.store.transaction(() => {
      const saved = this.ctx.store.care.saveAccount({ ...a, secretRef: 'pending' });
      this.ctx.store.care.saveAccount({ ...a, id: saved, secretRef: accountSecretRef(saved) });
      return saved;
    });
    if (a.secret !== null) {
      try {
        this.secrets!.set(accountSecretRef(id), 'secret', a.secret);
      } catch (error) {
        // The account is kept; the message says why its secret is not (and never contains it).
        throw new ApiError('unavailable', `account saved, but its secret could not be stored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return this.accounts();
  }
}

export function accountSecretRef(id: number): string {
  return `care-account-${id}`;
}
