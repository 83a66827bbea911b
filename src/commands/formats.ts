import { FORMAT_SPECS, type FormatName, type FormatSpec } from './format-table.ts';
import type { ExportFlags } from './export.ts';
import type { Out } from './terminal.ts';

/** An export format: its data (usage, out-guard, pre-flight) and the command that runs it. A new format is one entry. */
export interface ExportFormat extends FormatSpec {
  run(input: string, flags: ExportFlags, out: Out): Promise<number>;
}

// Lazy, so `chokepoint --help` does not load the exporters.
const RUN: Record<FormatName, ExportFormat['run']> = {
  pdf: async (input, flags, out) => (await import('./export.ts')).runPdf(input, flags, out),
  png: async (input, flags, out) => (await import('./export.ts')).runPng(input, flags, out),
  pptx: async (input, flags, out) => (await import('./pptx.ts')).runPptx(input, flags, out),
};

export const EXPORT_FORMATS: readonly ExportFormat[] = FORMAT_SPECS.map((spec) => ({ ...spec, run: RUN[spec.name] }));

/** The usage lines of the flags only one format reads, at the usage text's option column. */
export const formatFlagUsage = (): string =>
  EXPORT_FORMATS.flatMap((f) => f.flags.map((flag) => `${`  --${flag.name}`.padEnd(20)}${f.name}: ${flag.help}`)).join('\n');

/** The usage lines of the export commands. */
export const formatCommandUsage = (): string => EXPORT_FORMATS.map((f) => `  ${`${f.name} [input]`.padEnd(18)}${f.summary}`).join('\n');

/** The parseArgs options of the formats' own flags. */
export const formatOptions = (): Record<string, { type: 'boolean' }> =>
  Object.fromEntries(EXPORT_FORMATS.flatMap((f) => f.flags.map((flag) => [flag.name, { type: 'boolean' as const }])));
