import PDFDocument from 'pdfkit';
import type { TranscriptEntry, TranscriptView } from '../transcript.js';

/** The standard PDF fonts pdfkit ships (no download, no font file of ours) cover WinAnsi only. */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
function printable(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)) out += char;
    else if (char === '\t') out += ' ';
    else if (code >= 0x20) out += '?';
  }
  return out;
}

const MARGIN = 48;
const GAP = 16;

export interface PdfMeta {
  exportId: string;
  createdAt: string;
  createdBy: string;
  masked: boolean;
}

function who(entry: TranscriptEntry): string {
  if (entry.from === 'consumer') return 'Consumer';
  if (entry.from === 'parley') return entry.kind === 'decision' ? 'Parley (not sent)' : 'Parley';
  return entry.kind === 'flag-change' ? 'Flag change' : entry.kind === 'handoff' ? 'Hand-off' : entry.kind;
}

function decisionLines(entry: TranscriptEntry): string[] {
  const lines: string[] = [];
  const decision = entry.decision;
  if (decision) {
    lines.push(`Decision: ${decision.verdict}${decision.deferUntil ? ` until ${decision.deferUntil}` : ''}`);
    for (const rule of decision.violations) lines.push(`! ${rule.ruleId} - ${rule.citation}: ${rule.reason}`);
    const applied = decision.rules.filter((rule) => !decision.violations.some((violation) => violation.ruleId === rule.ruleId));
    if (applied.length) lines.push(`Rules applied: ${applied.map((rule) => `${rule.ruleId} (${rule.citation})`).join(', ')}`);
    if (decision.disclosures.length) lines.push(`Disclosures: ${decision.disclosures.join(', ')}`);
    if (decision.replacedDraft) {
      lines.push(`Model draft replaced (never sent): "${decision.replacedDraft.text}"`);
      for (const rule of decision.replacedDraft.violations) lines.push(`! ${rule.ruleId} - ${rule.citation}: ${rule.reason}`);
    }
    if (decision.packVersion) lines.push(`Rule packs: ${decision.packVersion}`);
  }
  if (entry.flagChange) lines.push(`Flag set: ${entry.flagChange.field}${entry.flagChange.intent ? ` (recognized: ${entry.flagChange.intent})` : ''}`);
  if (entry.handoff) lines.push(`Hand-off requested: ${entry.handoff.reason}`);
  return lines;
}

/** A regulator-readable transcript: each message on the left, the decision that governed it on the right. */
export class TranscriptPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<void>;
  private pages = 0;
  private readonly width: number;
  private readonly left: number;
  private readonly right: number;

  constructor(
    out: NodeJS.WritableStream,
    private readonly meta: PdfMeta,
  ) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      autoFirstPage: false,
      info: { Title: 'Parley evidence export', Author: 'Parley', Subject: meta.exportId },
    });
    this.finished = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
      this.doc.on('error', reject);
    });
    this.doc.pipe(out);
    this.width = 612 - 2 * MARGIN;
    this.left = Math.floor(this.width * 0.52);
    this.right = this.width - this.left - GAP;
  }

  private footer(): void {
    const doc = this.doc;
    const y = doc.page.height - MARGIN + 8;
    // Text below the bottom margin would start a new page: lift the margin while writing the footer.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#666666');
    doc.text(printable(`Parley evidence export ${this.meta.exportId} - page ${this.pages} - event hashes in manifest.json`), MARGIN, y, { width: this.width, lineBreak: false });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottomMargin;
  }

  private newPage(): void {
    if (this.pages > 0) this.footer();
    this.doc.addPage();
    this.pages += 1;
  }

  add(view: TranscriptView, chainVerified: boolean): void {
    const doc = this.doc;
    const { left, right, width } = this;
    this.newPage();
    doc.font('Helvetica-Bold').fontSize(14).text('Conversation transcript', MARGIN, MARGIN);
    doc.moveDown(0.3);
    doc.fontSize(9);
    const facts: Array<[string, string]> = [
      ['Conversation', view.key],
      ['Channel', view.channel ?? '-'],
      ['Account', view.accountId ?? 'not linked to an account'],
      ['Consumer', view.consumer ?? '-'],
      ['Jurisdictions', view.jurisdictions.join(', ') || '-'],
      ['Consumer local time', view.zone ? `${view.zone.zone} (from the ${view.zone.source})` : 'unknown: times in UTC only'],
      ['Period', `${view.summary.firstAt.toISOString()} to ${view.summary.lastAt.toISOString()}`],
      ['Chain integrity', chainVerified ? 'verified when exported' : 'BROKEN when exported: see parley audit verify'],
      ['Exported', `${this.meta.createdAt} by ${this.meta.createdBy}${this.meta.masked ? ', personal data masked' : ''}`],
    ];
    for (const [label, value] of facts) {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(printable(value));
    }
    doc.moveDown(0.6);
    const bottom = doc.page.height - MARGIN - 14;
    for (const entry of view.entries) {
      const heading = printable(`${entry.localTime ?? entry.at}  ${who(entry)}${entry.channel ? ` - ${entry.channel}` : ''}  #${entry.seq}`);
      const body = printable(
        entry.text ?? (entry.kind === 'decision' ? `(not sent${entry.speechAct ? `: ${entry.speechAct}` : ''})` : entry.flagChange || entry.handoff ? '' : JSON.stringify(entry.details ?? {})),
      );
      const side = printable(decisionLines(entry).join('\n'));
      const headingHeight = doc.font('Helvetica-Bold').fontSize(8).heightOfString(heading, { width: left });
      const bodyHeight = body ? doc.font('Helvetica').fontSize(9).heightOfString(body, { width: left }) : 0;
      const sideHeight = side ? doc.font('Helvetica').fontSize(8).heightOfString(side, { width: right }) : 0;
      const height = Math.max(headingHeight + bodyHeight, sideHeight) + 10;
      if (doc.y + Math.min(height, 300) > bottom) {
        this.newPage();
        doc.y = MARGIN;
      }
      const top = doc.y;
      doc.font('Helvetica-Bold').fontSize(8).fillColor('#333333').text(heading, MARGIN, top, { width: left });
      if (body) doc.font('Helvetica').fontSize(9).fillColor('#000000').text(body, MARGIN, doc.y, { width: left });
      const leftEnd = doc.y;
      if (side) doc.font('Helvetica').fontSize(8).fillColor('#1f3a5f').text(side, MARGIN + left + GAP, top, { width: right });
      const rightEnd = side ? doc.y : top;
      doc.fillColor('#000000');
      const end = Math.max(leftEnd, rightEnd) + 4;
      doc.moveTo(MARGIN, end).lineTo(MARGIN + width, end).lineWidth(0.3).strokeColor('#cccccc').stroke();
      doc.x = MARGIN;
      doc.y = end + 6;
    }
  }

  async end(): Promise<void> {
    if (this.pages === 0) {
      this.newPage();
      this.doc.font('Helvetica').fontSize(10).text('No conversation matched this export.', MARGIN, MARGIN);
    }
    this.footer();
    this.doc.end();
    await this.finished;
  }
}
