// Mantine theme: calm clinical colours, comfortable touch sizes, visible focus rings.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Mantine's teal with darker 7–9 shades, so text in the primary colour passes 4.5:1 on light fills and hovers. */
const careloop: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#20c997',
  '#12b886',
  '#0c8c68',
  '#0a7055',
  '#085a45',
];

export const theme = createTheme({
  colors: { careloop },
  primaryColor: 'careloop',
  primaryShade: 9,
  defaultRadius: 'md',
  focusRing: 'auto',
  // Users who ask their system for less motion get none (WCAG 2.3.3); e2e runs that way, so axe never
  // measures a tooltip halfway through fading in.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
});

/** Darker error and secondary text than Mantine's defaults, for 4.5:1 contrast on white (WCAG AA). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
