// Registry flags as chips: a tone, an icon and a text label (never colour alone), with the flag's reason
// in a tooltip on hover and on keyboard focus, and in the chip's text for screen readers.
import { Group, Tooltip, VisuallyHidden } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarDue,
  IconCalendarOff,
  IconChartLine,
  IconCircleCheck,
  IconClipboardList,
  IconClockExclamation,
  IconHourglassLow,
  IconMailExclamation,
  IconPhoneOff,
  IconPhoneX,
  IconTrendingUp,
  IconZzz,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RegistryFlag } from '@server/domain/registry/flags';
import { registryFlagLabel, reviewReasonLabel } from '../lib/format';

export type Tone = 'danger' | 'warning' | 'attention' | 'info' | 'success' | 'neutral';

const FLAG_STYLE: Record<
  string,
  { tone: Tone; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }
> = {
  safety_risk: { tone: 'danger', icon: IconAlertTriangle },
  needs_case_review: { tone: 'warning', icon: IconClipboardList },
  not_improving: { tone: 'warning', icon: IconChartLine },
  relapse: { tone: 'warning', icon: IconTrendingUp },
  unreachable: { tone: 'attention', icon: IconPhoneX },
  review_overdue: { tone: 'attention', icon: IconCalendarDue },
  recommendation_unacknowledged: { tone: 'attention', icon: IconMailExclamation },
  no_recent_contact: { tone: 'attention', icon: IconPhoneOff },
  no_follow_up_4_weeks: { tone: 'attention', icon: IconCalendarOff },
  measurement_overdue: { tone: 'attention', icon: IconClockExclamation },
  minutes_at_risk: { tone: 'info', icon: IconHourglassLow },
  ready_for_relapse_prevention: { tone: 'success', icon: IconCircleCheck },
  inactive_6_months: { tone: 'neutral', icon: IconZzz },
  // Case-review reasons share the chip.
  new_enrollee: { tone: 'info', icon: IconClipboardList },
  requested: { tone: 'attention', icon: IconMailExclamation },
};

export function FlagChip({
  code,
  reason,
  label,
}: {
  code: string;
  reason: string;
  /** Defaults to the registry flag's label. */
  label?: string;
}) {
  const style = FLAG_STYLE[code] ?? { tone: 'neutral' as Tone, icon: IconClipboardList };
  const Icon = style.icon;
  return (
    <Tooltip
      label={reason}
      multiline
      maw={360}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: true }}
    >
      <span className="flag-chip" data-tone={style.tone} tabIndex={0} data-flag={code}>
        <Icon size={14} aria-hidden />
        <span>{label ?? registryFlagLabel(code)}</span>
        <VisuallyHidden>: {reason}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}

export function FlagChips({ flags, empty = null }: { flags: RegistryFlag[]; empty?: React.ReactNode }) {
  if (flags.length === 0) return <>{empty}</>;
  return (
    <Group gap={6} component="ul" className="chip-list" aria-label="Flags">
      {flags.map((f) => (
        <li key={f.code}>
          <FlagChip code={f.code} reason={f.reason} />
        </li>
      ))}
    </Group>
  );
}

export function ReviewReasonChips({ reasons }: { reasons: { code: string; reason: string }[] }) {
  return (
    <Group gap={6} component="ul" className="chip-list" aria-label="Reasons for review">
      {reasons.map((r) => (
        <li key={r.code}>
          <FlagChip code={r.code} reason={r.reason} label={reviewReasonLabel(r.code)} />
        </li>
      ))}
    </Group>
  );
}
