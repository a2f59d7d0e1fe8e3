/**
 * A replayed wall follows the operator's recorded commands, in Chromium against a real serve-mode
 * core: the Crisis layout pushed to two displays and a blank are sent from the core's contract
 * (as the control view does); the lobby wall replayed just before, at and after each shows its
 * own layout, the pushed one, then black — while the live display is still pushed and blanked —
 * and the push is one wall marker on the scrubber.
 */
import { expect, test } from './support/fixtures';
import { ReplayBar } from './support/replay-page';
import { CoreClient, WallPage } from './support/walls';

const MINUTE = 60_000;

interface WallEvents {
  events: Array<{ at: number; action: string }>;
}

test.use({ timezoneId: 'UTC' });

test('a replayed wall shows the pushed layout and the blank as they were at the moment, and the push is a wall marker', async ({ page, serve }, testInfo) => {
  const core = await CoreClient.open(serve.url);
  await core.display('lobby', { source: { kind: 'layout', layoutId: 'care' } });
  await core.display('hall', { source: { kind: 'layout', layoutId: 'overview' } });
  await core.call('walls.displays.command', { ids: ['lobby', 'hall'], command: { kind: 'push-layout', layoutId: 'crisis' } });
  const pushAt = (await core.call<WallEvents>('review.wallOverride', { at: Date.now() + MINUTE, displayId: 'lobby' })).events[0]!.at;
  // The blank comes more than a marker jump's slack (JUMP_SLACK_MS) after the push, so Shift+←
  // from the blank lands on the push rather than skipping it.
  await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(pushAt + 1_500);
  await core.call('walls.displays.command', { ids: ['lobby'], command: { kind: 'blank' } });
  const { events } = await core.call<WallEvents>('review.wallOverride', { at: Date.now() + MINUTE, displayId: 'lobby' });
  expect(events.map((e) => e.action)).toEqual(['blank', 'takeover']);
  const blankAt = events[0]!.at;
  core.close();

  const wall = new WallPage(page, 'lobby');
  const bar = new ReplayBar(page);
  // Each moment gets its own period around it, so every visit starts a replay (not a seek).
  const replayAt = async (at: number) => {
    await page.goto(`/#/wall?display=lobby&replay=${pushAt - 10 * MINUTE + (at - pushAt)}..${pushAt + 10 * MINUTE + (at - pushAt)}&at=${at}`);
    await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await expect(wall.root).toHaveAttribute('data-replay', 'true');
    await bar.expectAt(at);
  };

  // Live, the lobby is pushed to Crisis and blanked.
  await wall.open();
  await expect(wall.root).toHaveAttribute('data-page-reason', 'blank');

  // Each moment differs from the one before, so every check waits for the wall to follow.
  // Just before the push: its own layout.
  await replayAt(pushAt - 1);
  await wall.expectLayout('care', 'layout');
  await expect(page.getByTestId('wall-blank')).toHaveCount(0);
  // Just before the blank: the pushed layout.
  await replayAt(blankAt - 1);
  await wall.expectLayout('crisis', 'pushed');
  // From the blank on: black.
  await replayAt(blankAt);
  await expect(wall.root).toHaveAttribute('data-page-reason', 'blank');
  await expect(page.getByTestId('wall-blank')).toBeVisible();
  // At the push itself: the pushed layout.
  await replayAt(pushAt);
  await wall.expectLayout('crisis', 'pushed');

  // One marker for the push to both displays, one for the blank; Shift+← lands on the push.
  const wallMarkers = page.getByTestId('replay-marker-wall');
  await expect(wallMarkers).toHaveCount(2);
  await expect(page.locator(`[data-testid="replay-marker-wall"][data-at="${pushAt}"] title`)).toHaveText(
    /Walls: Crisis layout pushed to (lobby, hall|hall, lobby)$/,
  );
  await expect(page.locator(`[data-testid="replay-marker-wall"][data-at="${blankAt}"] title`)).toHaveText(/Walls: lobby blanked$/);
  await replayAt(blankAt + 5 * MINUTE);
  await page.locator('body').press('Shift+ArrowLeft');
  await bar.expectAt(blankAt);
  await expect(wall.root).toHaveAttribute('data-page-reason', 'blank');
  await page.locator('body').press('Shift+ArrowLeft');
  await bar.expectAt(pushAt);
  await wall.expectLayout('crisis', 'pushed');
  await page.screenshot({ path: testInfo.outputPath('wall-replay-at-push.png') });
});
