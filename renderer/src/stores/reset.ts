import { alertsActions } from './alerts';
import { authorsActions } from './authors';
import { careActions } from './care';
import { connectionActions } from './connection';
import { mentionsActions } from './mentions';
import { sourceEditorActions } from './source-editor';
import { sourcesActions } from './sources';
import { volumeActions } from './volume';

/** Back to "nothing known yet", e.g. between tests. */
export function resetStores(): void {
  connectionActions.reset();
  volumeActions.reset();
  mentionsActions.reset();
  authorsActions.reset();
  alertsActions.reset();
  sourcesActions.reset();
  sourceEditorActions.reset();
  careActions.reset();
}
