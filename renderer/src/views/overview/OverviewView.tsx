import { OVERVIEW_LAYOUT_ID } from '@shared/logic/walls/builtin-layouts';
import { LayoutWall } from '../wall/LayoutWall';

/** The overview: the built-in "overview" wall layout, read from across the room. */
export function OverviewView() {
  return <LayoutWall layoutId={OVERVIEW_LAYOUT_ID} />;
}
