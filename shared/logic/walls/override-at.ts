/**
 * The operator's override of a display as one rule for live and replay: the core applies each
 * command as it is sent, and a replay folds the recorded commands (wall_events) up to a moment,
 * so a replayed wall shows what the live wall showed then.
 */
import { displayCommandSchema, NO_OVERRIDE, type DisplayCommand, type DisplayOverride } from '../../contract/wall-schema';

/** What one command does to a display's override. */
export function applyCommand(override: DisplayOverride, command: DisplayCommand): DisplayOverride {
  switch (command.kind) {
    case 'push-layout':
      return { ...override, pushedLayoutId: command.layoutId, blanked: false };
    case 'resume':
      return { ...NO_OVERRIDE };
    case 'pause':
      return { ...override, paused: true };
    case 'unpause':
      return { ...override, paused: false };
    case 'blank':
      return { ...override, blanked: true };
    case 'unblank':
      return { ...override, blanked: false };
  }
}

/** The wall_events action a command is recorded under (a pushed layout is a takeover, resume releases it). */
export function wallEventAction(command: DisplayCommand): string {
  return command.kind === 'push-layout' ? 'takeover' : command.kind === 'resume' ? 'release' : command.kind;
}

/**
 * The command a recorded wall event carries, or null when its detail is not one (a bundle or an
 * older data folder is read as untrusted input, so the detail is validated, not cast).
 */
export function recordedCommand(event: { detail: string }): DisplayCommand | null {
  let json: unknown;
  try {
    json = JSON.parse(event.detail);
  } catch {
    return null;
  }
  const parsed = displayCommandSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A display's override after its recorded events (oldest first); unreadable ones are skipped. */
export function overrideAt(events: ReadonlyArray<{ detail: string }>): DisplayOverride {
  let override: DisplayOverride = NO_OVERRIDE;
  for (const event of events) {
    const command = recordedCommand(event);
    if (command) override = applyCommand(override, command);
  }
  return override;
}
