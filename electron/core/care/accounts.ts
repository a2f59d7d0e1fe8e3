/** The platform accounts replies are sent from; their secrets live in the secret store, never in the database. */
import type { CareAccount } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import { secretDestination } from '../secrets/secret-destination';
import type { CareContext } from './care-context';

/** The part of the SecretStore care uses (the listening area's SecretStore fits). */
export interface CareSecrets {
  get(scope: string, field: string): string | null;
  set(scope: string, field: string, value: string, destination?: string): void;
  /** Where the scope's secret was saved for (null: unknown, saved before this was recorded). */
  destinationOf(scope: string): string | null;
  deleteSource(scope: string): void;
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

  /**
   * The secret for sending to `baseUrl`: null unless it was saved for that very origin (older
   * secrets without a recorded origin belong to the address stored with them).
   */
  secretFor(ref: string, baseUrl: string): string | null {
    const secret = this.readSecret(ref);
    if (secret === null) return null;
    try {
      const savedFor = this.secrets?.destinationOf(ref) ?? null;
      return savedFor === null || savedFor === secretDestination([baseUrl]) ? secret : null;
    } catch {
      return null;
    }
  }

  saveAccount(a: {
    id: number | null;
    platform: CareAccount['platform'];
    name: string;
    baseUrl: string;
    identifier: string;
    secret: string | null;
  }): CareAccount[] {
    if (a.secret !== null && !this.secrets) throw new ApiError('unavailable', 'the secret store is not available, so the token cannot be kept');
    const before = a.id === null ? null : this.ctx.store.care.account(a.id);
    const destination = secretDestination([a.baseUrl]);
    // A token is never moved to another server: a new address without a new token clears it.
    const moved = before !== null && a.secret === null && secretDestination([before.baseUrl]) !== destination;
    const id = this.ctx.store.transaction(() => {
      const saved = this.ctx.store.care.saveAccount({ ...a, secretRef: 'pending' });
      this.ctx.store.care.saveAccount({ ...a, id: saved, secretRef: accountSecretRef(saved) });
      return saved;
    });
    if (moved && this.secrets) {
      try {
        this.secrets.deleteSource(accountSecretRef(id));
      } catch (error) {
        throw new ApiError('unavailable', `account saved, but its old secret could not be cleared: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.ctx.logger.info('care account address changed; its secret was cleared', { account: id });
    }
    if (a.secret !== null) {
      try {
        this.secrets!.set(accountSecretRef(id), 'secret', a.secret, destination);
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
