import { isLive, useConnectionStore } from '../../stores/connection';
import { ClockContainer } from '../common/ClockContainer';
import { ConnectionStatusContainer } from '../common/ConnectionStatusContainer';
import {
  AlertBannerContainer,
  SentimentContainer,
  SourceFreshnessContainer,
  TickerContainer,
  TopAuthorsContainer,
  VolumeContainer,
} from './containers';
import './overview.css';

/** The wall: read from across the room, never scrolled, never touched. */
export function OverviewView() {
  const live = useConnectionStore(isLive);
  return (
    <main className="wall" data-live={String(live)}>
      <AlertBannerContainer />
      <header className="wall__header">
        <div className="wall__brand">
          <span className="wall__logo">EARSHOT</span>
          <span className="wall__view">Overview</span>
        </div>
        <ConnectionStatusContainer />
        <ClockContainer />
      </header>
      <div className="wall__grid">
        <div className="wall__volume">
          <VolumeContainer />
        </div>
        <div className="wall__sentiment">
          <SentimentContainer />
        </div>
        <div className="wall__authors">
          <TopAuthorsContainer />
        </div>
        <div className="wall__ticker">
          <TickerContainer />
        </div>
      </div>
      <SourceFreshnessContainer />
    </main>
  );
}
