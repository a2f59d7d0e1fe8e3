/**
 * People (`#/people`, admins): who may sign in and with which role; add, change a role, disable,
 * reset a passphrase, end someone's sessions. Passphrases are typed here once and never shown.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { PERSON_ROLES, type PersonRole } from '../../../../shared/contract/access';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/contract/areas/accounts';
import type { Person } from '../../../../shared/domain/people';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime } from './format';
import { ConsoleFrame } from '../common/ConsoleFrame';
import './people.css';

export function PeopleView() {
  const client = useClient();
  const [people, setPeople] = useState<Person[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(() => {
    client.call('people.list', {}).then((r) => setPeople(r.people), (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }));
  }, [client]);
  useEffect(() => client.onHello(load), [client, load]);

  const run = (what: string, action: () => Promise<{ people: Person[] }>) => {
    action().then(
      (r) => {
        setPeople(r.people);
        setMessage({ ok: true, text: what });
      },
      (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }),
    );
  };

  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const role = String(data.get('role')) as PersonRole;
    const passphrase = String(data.get('passphrase') ?? '');
    run(`${name} added as ${role}`, async () => {
      const r = await client.call('people.add', { name, role, passphrase });
      form.reset();
      return r;
    });
  };

  const reset = (person: Person) => {
    const passphrase = window.prompt(`New passphrase for ${person.name} (at least ${MIN_PASSPHRASE_LENGTH} characters). Their sessions end.`);
    if (passphrase) run(`${person.name}'s passphrase was reset`, () => client.call('people.resetPassphrase', { id: person.id, passphrase }));
  };

  return (
    <ConsoleFrame current="people">
      <div className="people" data-testid="people-view">
        {message && (
          <p className={message.ok ? 'people__ok' : 'people__error'} role="status" data-testid="people-message">
            {message.text}
          </p>
        )}
        <section className="console__section">
          <h2>People</h2>
          <p className="people__hint">Agents work the inbox and customers; leads also route, approve, run alerts, walls and drills; admins also manage sources, secrets, retention, webhooks, workspaces and people. A change of role or a disabled account ends that person's sessions at once.</p>
          <table className="people__table" data-testid="people-table">
            <thead>
              <tr><th>Name</th><th>Role</th><th>Signed in</th><th>Since</th><th>Account</th><th /></tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-testid={`person-${p.name}`}>
                  <td><bdi>{p.name}</bdi></td>
                  <td>
                    <select value={p.role} aria-label={`Role of ${p.name}`} data-testid="person-role" onChange={(e) => run(`${p.name} is now ${e.currentTarget.value}`, () => client.call('people.update', { id: p.id, role: e.currentTarget.value as PersonRole }))}>
                      {PERSON_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  </td>
                  <td>{p.activeSessions} session{p.activeSessions === 1 ? '' : 's'}</td>
                  <td>{formatDateTime(p.createdAt)}</td>
                  <td>
                    <label>
                      <input type="checkbox" checked={!p.disabled} data-testid="person-enabled" onChange={() => run(`${p.name} ${p.disabled ? 'enabled' : 'disabled'}`, () => client.call('people.update', { id: p.id, disabled: !p.disabled }))} /> enabled
                    </label>
                  </td>
                  <td>
                    <button type="button" onClick={() => reset(p)}>Reset passphrase</button>{' '}
                    <button type="button" onClick={() => run(`${p.name} signed out everywhere`, () => client.call('people.signOutEverywhere', { id: p.id }))}>Sign out everywhere</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="people__form" onSubmit={add} data-testid="person-add">
            <label>Name<input name="name" required maxLength={100} autoComplete="off" data-testid="person-add-name" /></label>
            <label>
              Role
              <select name="role" defaultValue="agent" data-testid="person-add-role">
                {PERSON_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </label>
            <label>First passphrase<input name="passphrase" type="password" required minLength={MIN_PASSPHRASE_LENGTH} maxLength={1000} autoComplete="new-password" data-testid="person-add-passphrase" /></label>
            <button type="submit" data-testid="person-add-submit">Add person</button>
          </form>
        </section>
      </div>
    </ConsoleFrame>
  );
}
