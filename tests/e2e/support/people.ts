/**
 * People for tests that need someone other than the owner: the owner adds them (as an admin does
 * in the People view), they sign in with their passphrase, and a page or socket carries their cookie.
 */
import type { Page } from '@playwright/test';
import type { PersonRole } from '@shared/contract/access';
import { signIn, TEST_PASSPHRASE, type HubSession } from './sign-in';
import { socketUrl, TestSocket } from './ws-client';

/** Adds `name` with `role` unless they exist, and signs them in. */
export async function ensurePerson(baseUrl: string, name: string, role: PersonRole): Promise<HubSession> {
  const owner = await TestSocket.open(socketUrl(baseUrl));
  try {
    const res = await owner.call('people.add', { name, role, passphrase: TEST_PASSPHRASE });
    if (!res.ok && res.error?.code !== 'conflict') throw new Error(`people.add ${name}: ${res.error?.message ?? 'failed'}`);
  } finally {
    owner.close();
  }
  return signIn(baseUrl, name);
}

/** The page's browser context signs in as `name` (its cookie replaces the owner's); call before `goto`. */
export async function signPageInAs(page: Page, baseUrl: string, name: string, role: PersonRole = 'agent'): Promise<HubSession> {
  const session = await ensurePerson(baseUrl, name, role);
  await page.context().addCookies(session.storageState.cookies);
  return session;
}

/** A Node socket acting as `name`. */
export async function socketAs(baseUrl: string, name: string, role: PersonRole = 'agent'): Promise<TestSocket> {
  const session = await ensurePerson(baseUrl, name, role);
  return TestSocket.open(socketUrl(baseUrl), { Cookie: session.cookie });
}
