import type { ApiResult } from '@shared/contract/api';
import type { DemoEpisodeKind } from '@shared/domain/demo';
import { useClient } from '../../lib/client-context';
import { formatHMS } from '../../ui/time-format';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice } from '../../ui';

const LABELS: Record<DemoEpisodeKind, string> = {
  outage: 'Trigger outage',
  'influencer-complaint': 'Trigger influencer complaint',
};

/** Scripted crisis episodes of a demo source, for rehearsals and demos. */
export function DemoEpisodeButtons({ sourceId }: { sourceId: string }) {
  return (
    <div className="demo-buttons">
      <EpisodeButton sourceId={sourceId} kind="outage" />
      <EpisodeButton sourceId={sourceId} kind="influencer-complaint" />
    </div>
  );
}

function EpisodeButton({ sourceId, kind }: { sourceId: string; kind: DemoEpisodeKind }) {
  const client = useClient();
  const action = useAction<ApiResult<'demo.triggerEpisode'>>();
  return (
    <div className="demo-buttons__item">
      <Button
        data-testid={`trigger-episode-${kind}`}
        busy={action.pending}
        onClick={() => action.run(() => client.call('demo.triggerEpisode', { sourceId, kind }))}
      >
        {action.pending ? 'Starting…' : LABELS[kind]}
      </Button>
      {action.result && (
        <div className="call-result" role="status" data-testid={`episode-result-${kind}`}>
          Episode {action.result.episodeId} runs {formatHMS(action.result.startsAt)}–{formatHMS(action.result.endsAt)}
        </div>
      )}
      <ErrorNotice error={action.error} testId={`episode-error-${kind}`} />
    </div>
  );
}
