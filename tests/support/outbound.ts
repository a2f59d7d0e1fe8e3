/**
 * How tests reach their local platform servers: through the same outbound allowlist an admin
 * edits in Settings → Outbound. With a store, the entries are saved in its settings row (exactly
 * what the app reads); adapter-only tests build the guard from the same allowlist lines.
 */
import { createOutboundGuard, type OutboundGuard } from '../../electron/core/net/outbound-guard';
import { OutboundPolicy } from '../../electron/core/net/outbound-policy';
import { OutboundSettings } from '../../electron/core/net/outbound-settings';
import type { Store } from '../../electron/core/store/store';

/** The test servers listen on 127.0.0.1 (and some tests name it localhost). */
export const LOCAL_TEST_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/** Adds the test servers' hosts to the store's outbound allowlist, as an admin would. */
export function allowLocalServers(store: Store): void {
  new OutboundSettings(store).add(LOCAL_TEST_HOSTS);
}

/** A poll context's `fetch` and `outbound` for an adapter tested without a store. */
export function outboundFor(hosts: readonly string[] = LOCAL_TEST_HOSTS): { fetch: typeof fetch; outbound: OutboundGuard } {
  const outbound = createOutboundGuard(() => OutboundPolicy.fromLines(hosts));
  return { fetch: outbound.fetch, outbound };
}

/** For adapters that reach no network (demo, replay, import): nothing internal is allowed. */
export function offlineOutbound(): { fetch: typeof fetch; outbound: OutboundGuard } {
  return outboundFor([]);
}

/** The guard the app builds for a store (reads its Settings → Outbound row), with the test servers allowed. */
export function localOutboundForStore(store: Store): OutboundGuard {
  allowLocalServers(store);
  const settings = new OutboundSettings(store);
  return createOutboundGuard(() => settings.policy());
}
