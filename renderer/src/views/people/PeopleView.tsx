/**
 * People (`#/people`, admins): who may sign in and with which role; add, change a role, disable,
 * reset a passphrase, end someone's sessions. Passphrases are typed here once and never shown.
 */
import { useState, type FormEvent } from 'react';
import { PERSON_ROLES, type PersonRole } from '@shared/contract/access';
import { MIN_PASSPHRASE_LENGTH } from '@shared/contract/areas/accounts';
import type { Person } from '@shared/domain/people';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { useClient } from '../../lib/client-context';
import { Button, DataTable, ErrorNotice, Options, Time } from '../../ui';
import { ConsoleFrame } from '../common/ConsoleFrame';
import './people.css';

export function PeopleView() {
  const client = useClient();
  const list = useQuery('people.list', {});
  const action = useAction<{ people: Person[] }>();
  // What the last change did, in words; the list itself is asked again after each change.
  const [done, setDone] = useState<string | null>(null);

  const run = (what: string, work: () => Promise<{ people: Person[] }>) => {
    setDone(null);
    action.run(work, () => {
      setDone(what);
      list.reload();
    });
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

  const people = list.data?.people ?? [];
  return (
    <ConsoleFrame current="people">
      <div className="people" data-testid="people-view">
        <ErrorNotice error={action.error ?? list.error} testId="people-message" />
        {done && !action.error && (
          <p className="people__ok" role="status" data-testid="people-message">
            {done}
          </p>
        )}
        <section className="console__section">
          <h2>People</h2>
          <p className="people__hint">
            Agents work the inbox and customers; leads also route, approve, run alerts, walls and drills; admins also manage sources, secrets, retention,
            webhooks, workspaces and people. A change of role or a disabled account ends that person's sessions at once.
          </p>
          <DataTable
            testId="people-table"
            rows={people}
            rowKey={(p) => p.id}
            rowTestId={(p) => `person-${p.name}`}
            columns={[
              { key: 'name', header: 'Name', cell: (p) => <bdi>{p.name}</bdi> },
              {
                key: 'role',
                header: 'Role',
                cell: (p) => (
                  <select
                    value={p.role}
                    aria-label={`Role of ${p.name}`}
                    data-testid="person-role"
                    onChange={(e) => {
                      const role = e.currentTarget.value as PersonRole;
                      run(`${p.name} is now ${role}`, () => client.call('people.update', { id: p.id, role }));
                    }}
                  >
                    <Options items={PERSON_ROLES} value={(r) => r} />
                  </select>
                ),
              },
              { key: 'sessions', header: 'Signed in', cell: (p) => `${p.activeSessions} session${p.activeSessions === 1 ? '' : 's'}` },
              { key: 'since', header: 'Since', cell: (p) => <Time ms={p.createdAt} style="full" /> },
              {
                key: 'account',
                header: 'Account',
                cell: (p) => (
                  <label>
                    <input
                      type="checkbox"
                      checked={!p.disabled}
                      data-testid="person-enabled"
                      onChange={() =>
                        run(`${p.name} ${p.disabled ? 'enabled' : 'disabled'}`, () => client.call('people.update', { id: p.id, disabled: !p.disabled }))
                      }
                    />{' '}
                    enabled
                  </label>
                ),
              },
              {
                key: 'actions',
                header: '',
                cell: (p) => (
                  <>
                    <Button onClick={() => reset(p)}>Reset passphrase</Button>{' '}
                    <Button onClick={() => run(`${p.name} signed out everywhere`, () => client.call('people.signOutEverywhere', { id: p.id }))}>
                      Sign out everywhere
                    </Button>
                  </>
                ),
              },
            ]}
          />
          <form className="people__form" onSubmit={add} data-testid="person-add">
            <label>
              Name
              <input name="name" required maxLength={100} autoComplete="off" data-testid="person-add-name" />
            </label>
            <label>
              Role
              <select name="role" defaultValue="agent" data-testid="person-add-role">
                <Options items={PERSON_ROLES} value={(r) => r} />
              </select>
            </label>
            <label>
              First passphrase
              <input
                name="passphrase"
                type="password"
                required
                minLength={MIN_PASSPHRASE_LENGTH}
                maxLength={1000}
                autoComplete="new-password"
                data-testid="person-add-passphrase"
              />
            </label>
            <Button type="submit" variant="primary" busy={action.pending} data-testid="person-add-submit">
              Add person
            </Button>
          </form>
        </section>
      </div>
    </ConsoleFrame>
  );
}
