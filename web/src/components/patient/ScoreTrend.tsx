// PHQ-9 / GAD-7 totals over time, with the treatment target (half the baseline) and the remission line (5).
import { LineChart } from '@mantine/charts';
import { Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useScreenings } from '../../api/hooks';
import { measureLabel, type PrimaryMeasureCode } from '@server/domain/registry/outcomes';
import type { ScreeningListItem } from '@server/services/screenings/list-screenings';
import { formatDate } from '../../lib/format';
import { QueryState } from '../QueryState';
import { useCurrentEpisode } from './useCurrentEpisode';
import type { PatientSectionProps } from './types';

const MAX_SCORE: Record<PrimaryMeasureCode, number> = { 'phq-9': 27, 'gad-7': 21 };
export const REMISSION_BELOW = 5;

export interface TrendProps {
  screenings: ScreeningListItem[];
  measure: PrimaryMeasureCode;
  /** The episode's baseline for this measure, if known; else the first score shown. */
  baseline: number | null;
  timeZone: string;
  height?: number;
  /** Only scores on or after this instant (a month before the episode's referral). */
  since?: string | null;
  /** Enrollment (date or instant): the baseline is the first score from then. */
  enrolledAt?: string | null;
  /** Baseline, latest, change and target above the chart (off where the page shows them already). */
  withStats?: boolean;
}

/** Points of one measure, oldest first. */
export function trendPoints(
  screenings: ScreeningListItem[],
  measure: PrimaryMeasureCode,
  since?: string | null,
) {
  return screenings
    .filter(
      (s) =>
        s.instrument === measure &&
        s.total !== null &&
        (!since || Date.parse(s.administeredAt) >= Date.parse(since)),
    )
    .sort((a, b) => (a.administeredAt < b.administeredAt ? -1 : 1))
    .map((s) => ({ at: s.administeredAt, score: s.total ?? 0 }));
}

function Stat({ label, value, note }: { label: string; value: string | number; note: string }) {
  return (
    <div className="trend-stat">
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={800} size="lg" lh={1.3}>
        {value}
        {note && (
          <Text span size="xs" c="dimmed" fw={400} display="block">
            {note}
          </Text>
        )}
      </Text>
    </div>
  );
}

export function ScoreTrend({
  screenings,
  measure,
  baseline,
  timeZone,
  height = 300,
  since,
  enrolledAt,
  withStats = true,
}: TrendProps) {
  const points = useMemo(() => {
    const all = trendPoints(screenings, measure, since);
    // Too few in the episode: show the whole history.
    return all.length >= 1 ? all : trendPoints(screenings, measure);
  }, [screenings, measure, since]);
  const name = measureLabel(measure);
  if (points.length === 0) {
    return <Text c="dimmed">No {name} scores yet.</Text>;
  }
  const first = points[0];
  const last = points.at(-1);
  const base = baseline ?? first?.score ?? null;
  const target = base !== null ? Math.floor(base / 2) : null;
  const from = enrolledAt ? Date.parse(enrolledAt.slice(0, 10)) - 86_400_000 : null;
  const basePoint =
    baseline !== null
      ? points.find((p) => p.score === baseline && (from === null || Date.parse(p.at) >= from))
      : first;
  const sameYear = first && last ? first.at.slice(0, 4) === last.at.slice(0, 4) : false;
  const label = (iso: string) =>
    new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      ...(sameYear ? {} : { year: '2-digit' }),
      timeZone,
    }).format(new Date(iso));
  const data = points.map((p) => ({ date: label(p.at), [name]: p.score }));
  const change = base !== null && base > 0 && last ? Math.round(((base - last.score) / base) * 100) : null;
  const remission = last !== undefined && last.score < REMISSION_BELOW;
  const response = change !== null && change >= 50;
  const outcome = remission ? 'in remission' : response ? 'response (≥ 50 % lower)' : null;
  return (
    <Stack gap="xs">
      {withStats && (
        <SimpleGrid
          cols={{ base: 2, sm: 4 }}
          spacing="xs"
          component="dl"
          m={0}
          data-testid={`trend-summary-${measure}`}
        >
          <Stat
            label={`${name} baseline`}
            value={base ?? '—'}
            note={basePoint ? formatDate(basePoint.at, timeZone) : 'at enrollment'}
          />
          <Stat label="Latest" value={last?.score ?? '—'} note={last ? formatDate(last.at, timeZone) : ''} />
          <Stat
            label="Change"
            value={change === null ? '—' : change >= 0 ? `${change} % lower` : `${-change} % higher`}
            note={outcome ?? 'target not reached yet'}
          />
          <Stat
            label="Target"
            value={target !== null ? `≤ ${target}` : '—'}
            note={`half the baseline; remission < ${REMISSION_BELOW}`}
          />
        </SimpleGrid>
      )}
      <figure style={{ margin: 0 }} aria-label={`${name} scores over time`}>
        <LineChart
          h={height}
          data={data}
          dataKey="date"
          series={[{ name, color: 'careloop.8' }]}
          curveType="linear"
          yAxisProps={{ domain: [0, MAX_SCORE[measure]], allowDecimals: false }}
          strokeWidth={2.5}
          dotProps={{ r: 4 }}
          withPointLabels={points.length <= 12}
          referenceLines={[
            ...(target !== null
              ? [
                  {
                    y: target,
                    label: `50 % target (≤ ${target})`,
                    color: 'orange.8',
                    strokeDasharray: '6 4',
                    labelPosition: 'insideTopRight' as const,
                  },
                ]
              : []),
            {
              y: REMISSION_BELOW,
              label: `Remission (< ${REMISSION_BELOW})`,
              color: 'green.8',
              strokeDasharray: '2 3',
              labelPosition: 'insideBottomLeft' as const,
            },
          ]}
          gridAxis="y"
          yAxisLabel={name}
          accessibilityLayer={false}
        />
      </figure>
    </Stack>
  );
}

/** The chart section: the episode's primary measure first; switch to the other one. */
export function ScoreTrendSection({ patient, timeZone }: PatientSectionProps) {
  const screenings = useScreenings(patient.id);
  const { current, detail } = useCurrentEpisode(patient.id);
  const primary: PrimaryMeasureCode = current?.primaryMeasure ?? 'phq-9';
  const [chosen, setChosen] = useState<PrimaryMeasureCode | null>(null);
  const measure = chosen ?? primary;
  const baseline = measure === primary ? (detail.data?.registry?.baselineScore ?? null) : null;
  return (
    <QueryState query={screenings} loadingLabel="Loading scores…">
      {(data) => (
        <Stack gap="sm">
          <Group justify="space-between">
            <SegmentedControl
              aria-label="Measure"
              value={measure}
              onChange={(v) => setChosen(v as PrimaryMeasureCode)}
              data={[
                { value: 'phq-9', label: 'PHQ-9 (depression)' },
                { value: 'gad-7', label: 'GAD-7 (anxiety)' },
              ]}
            />
            {current && (
              <Text size="sm" c="dimmed">
                Episode referred {formatDate(current.referredAt, timeZone)}
              </Text>
            )}
          </Group>
          <ScoreTrend
            screenings={data.screenings}
            measure={measure}
            baseline={baseline}
            timeZone={timeZone}
            since={current ? new Date(Date.parse(current.referredAt) - 30 * 86_400_000).toISOString() : null}
            enrolledAt={current?.enrolledAt ?? null}
          />
        </Stack>
      )}
    </QueryState>
  );
}
