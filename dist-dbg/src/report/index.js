import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
export const REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif'];
export function isReportFormat(s) {
    return REPORT_FORMATS.includes(s);
}
export function renderReport(result, format, opts = {}) {
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
export function reportExtension(format) {
    return { text: 'txt', json: 'json', md: 'md', html: 'html', sarif: 'sarif' }[format];
}
//# sourceMappingURL=index.js.map