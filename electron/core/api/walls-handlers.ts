/** The core's implementation of the calls in `shared/contract/areas/walls.ts`. */
import type { wallsParams } from '@shared/contract/areas/walls';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function wallsHandlers({ walls, now }: CoreServices): HandlersFor<typeof wallsParams> {
  return {
    'walls.layouts.list': () => ({ layouts: walls.layouts() }),
    'walls.layouts.save': ({ id, doc }) => ({ layout: walls.saveLayout(id, doc) }),
    'walls.layouts.duplicate': ({ id, name }) => ({ layout: walls.duplicateLayout(id, name) }),
    'walls.layouts.rename': ({ id, name }) => ({ layout: walls.renameLayout(id, name) }),
    'walls.layouts.delete': ({ id }) => {
      walls.deleteLayout(id);
      return { id };
    },
    'walls.layouts.import': ({ json }) => ({ layout: walls.importLayout(json) }),
    'walls.layouts.export': ({ id }) => walls.exportLayout(id),
    'walls.playlists.list': () => ({ playlists: walls.playlists() }),
    'walls.playlists.save': ({ playlist }) => ({ playlist: walls.savePlaylist(playlist) }),
    'walls.playlists.delete': ({ id }) => {
      walls.deletePlaylist(id);
      return { id };
    },
    'walls.displays.list': () => ({ displays: walls.displays(), statuses: walls.statusList(), monitors: walls.monitorList(), serverTime: now() }),
    'walls.displays.get': ({ id }) => ({ display: walls.display(id) }),
    'walls.displays.save': ({ display }) => ({ display: walls.saveDisplay(display) }),
    'walls.displays.delete': ({ id }) => {
      walls.deleteDisplay(id);
      return { id };
    },
    'walls.displays.command': ({ ids, group, command }) => ({ displays: walls.command({ ids, group }, command) }),
    'walls.displays.report': ({ id, page }) => ({ serverTime: walls.report(id, page) }),
    'walls.watchdog.report': (event) => {
      walls.watchdog(event);
      return { logged: true };
    },
    'walls.watchdog.events': ({ limit }) => ({ events: walls.watchdogEvents(limit) }),
  };
}
