import { formatNet } from '@shared/logic/format';
import { CHART_COLORS, SENTIMENT_COLORS } from '../lib/palette';
import { SENTIMENT_GLYPH } from './SentimentMarker';
import './SentimentGauge.css';

export interface SentimentGaugeOptions {
  /** Net sentiment from -100 to +100, or null when nothing opinionated was said. */
  net: number | null;
}

/** Net values within this distance of zero read as "mixed" rather than a lean either way. */
const MIXED_BAND = 20;

const CX = 100;
const CY = 100;
const R = 84;

/** -100 sits at the left end of the arc, +100 at the right: the position carries the meaning. */
function point(value: number): { x: number; y: number } {
  const angle = Math.PI * (1 - (Math.max(-100, Math.min(100, value)) + 100) / 200);
  return { x: CX + R * Math.cos(angle), y: CY - R * Math.sin(angle) };
}

function arc(from: number, to: number): string {
  const a = point(from);
  const b = point(to);
  return `M ${a.x.toFixed(2)} ${a.y.toFixed(2)} A ${R} ${R} 0 0 1 ${b.x.toFixed(2)} ${b.y.toFixed(2)}`;
}

type Tone = 'positive' | 'neutral' | 'negative' | 'none';

function tone(net: number | null): Tone {
  if (net === null) return 'none';
  if (net >= MIXED_BAND) return 'positive';
  if (net <= -MIXED_BAND) return 'negative';
  return 'neutral';
}

const TONE_WORD: Record<Tone, string> = { positive: 'leaning positive', neutral: 'mixed', negative: 'leaning negative', none: 'no opinions yet' };
const TONE_COLOR: Record<Tone, string> = { ...SENTIMENT_COLORS, none: CHART_COLORS.axis };

/**
 * A half dial from -100 (left) to +100 (right): a filled arc from zero to the value and a marker
 * on it, with the number inside the dial.
 */
export function SentimentGauge({ net }: SentimentGaugeOptions) {
  const t = tone(net);
  const marker = net === null ? null : point(net);
  return (
    <div className={`gauge gauge--${t}`}>
      <div className="gauge__face">
        <svg
          className="gauge__dial"
          viewBox="0 0 200 134"
          preserveAspectRatio="xMidYMax meet"
          role="img"
          aria-label={`Net sentiment ${formatNet(net)} on a scale from -100 to +100`}
        >
          <path d={arc(-100, 100)} stroke={CHART_COLORS.track} strokeWidth={14} fill="none" />
          <path d={arc(-100, -MIXED_BAND)} stroke={SENTIMENT_COLORS.negative} strokeOpacity={0.3} strokeWidth={14} fill="none" />
          <path d={arc(MIXED_BAND, 100)} stroke={SENTIMENT_COLORS.positive} strokeOpacity={0.3} strokeWidth={14} fill="none" />
          {net !== null && net !== 0 && <path d={net > 0 ? arc(0, net) : arc(net, 0)} stroke={TONE_COLOR[t]} strokeWidth={14} fill="none" />}
          <line x1={CX} y1={CY - R - 10} x2={CX} y2={CY - R + 10} stroke={CHART_COLORS.axis} strokeWidth={2} />
          {marker && <circle cx={marker.x} cy={marker.y} r={10} fill={CHART_COLORS.needle} stroke={TONE_COLOR[t]} strokeWidth={4} />}
          <text x={2} y={128} textAnchor="start" className="gauge__end gauge__end--neg">
            {SENTIMENT_GLYPH.negative}-100
          </text>
          <text x={198} y={128} textAnchor="end" className="gauge__end gauge__end--pos">
            +100{SENTIMENT_GLYPH.positive}
          </text>
        </svg>
        <span className="gauge__net" data-testid="sentiment-net" data-value={net ?? ''}>
          {formatNet(net)}
        </span>
      </div>
      <div className="gauge__tone">
        {t !== 'none' && <span aria-hidden="true">{SENTIMENT_GLYPH[t]} </span>}
        {TONE_WORD[t]}
      </div>
    </div>
  );
}
