// Format dispatch: one result (or several, for SARIF) to the text a user asked for.
import type { AnalysisResult } from '../result/schema.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, type RuleMeta } from './sarif.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color?: boolean;
  /** Rule metadata for SARIF; findings of rules not listed get metadata from the finding itself. */
  rules?: RuleMeta[];
  /** Module source directory for context lines around findings (HTML). */
  sourceRoot?: string;
}

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export function renderReport(result: AnalysisResult, format: ReportFormat, opts: ReportOptions = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'md':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result, { sourceRoot: opts.sourceRoot });
    case 'sarif':
      return renderSarif(result, opts.rules ?? []);
    case 'text':
      return renderText(result, { color: opts.color ?? false });
  }
}

/** File extension for a format, for writing reports next to results. */
export function reportExtension(format: ReportFormat): string {
  return { text: 'txt', json: 'json', md: 'md', html: 'html', sarif: 'sarif' }[format];
}
