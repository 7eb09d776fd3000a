/**
 * The neutral content of a rendered document: what is printed, in reading order, with its logical
 * structure. Protocols, extracts and notices of meeting are first built as this model, then drawn by
 * the PDF and the HTML writer, so both formats carry the same words in the same order and the text
 * conventions (docs/documents.md) live in the builders only.
 */

/** The band at the top of every page: organisation, document kind, body and meeting date. */
export interface DocumentBand {
  organization: string | null;
  /** 'PROTOKOLL', 'MINNESANTECKNINGAR', 'PROTOKOLLSUTDRAG', 'KALLELSE'. */
  kindWord: string;
  body: string | null;
  dateLabel: string;
  /** ISO date (or, for a report on a year, the year) printed after the label. */
  date: string | null;
}

/** One row of a label/value table (the protocol's header table, the anslag box). */
export interface FieldRow {
  label: string;
  lines: string[];
  /**
   * Each line is one entry (one attendee, one adjuster) that must stay on one printed line so that a
   * reader can split entries by line: the PDF shrinks the type of an over-long line instead of wrapping.
   */
  oneEntryPerLine?: boolean;
  /** Print the label on a line of its own with the entries below it at full width (attendance lists). */
  stacked?: boolean;
}

export interface Signer {
  role: string;
  name: string | null;
  note: string | null;
}

export type Block =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string; tone?: 'normal' | 'meta' | 'lead' | 'label' }
  /** Decision points: marked with an en dash, or numbered 1., 2., … when `numbered`. */
  | { type: 'list'; items: string[]; numbered?: boolean }
  | { type: 'fields'; rows: FieldRow[] }
  | { type: 'table'; caption: string; head: string[]; rows: string[][]; widths: number[] }
  | { type: 'signatures'; heading: string; signers: Signer[] }
  | { type: 'toc'; heading: string; entries: { label: string; anchor: string }[] }
  | { type: 'box'; heading: string; lead: string; rows: FieldRow[]; signatureLabel: string };

/** A logical section: a §, the title page, the signatures, the anslag. */
export interface Section {
  /** Anchor for links and the PDF outline; a § uses 'p12'. */
  anchor?: string;
  /** The outline (bookmark) title, when the section should appear in the PDF outline. */
  outlineTitle?: string;
  /** Begin the section on a fresh page (the §§ after the title page, the table of contents). */
  startOnNewPage?: boolean;
  blocks: Block[];
}

export interface DocumentContent {
  /** Document title for metadata, the HTML <title> and the window title of a PDF viewer. */
  title: string;
  subject: string;
  author: string | null;
  /** The first-level heading, for screen readers: the band is the visual title. */
  band: DocumentBand;
  /**
   * A cover page of its own (a report): its title is the first-level heading, the band then runs only
   * on the pages after it, and the cover carries no page number.
   */
  cover?: { title: string; lines: string[] };
  /** Print the 'Justerandes signatur' and 'Utdragsbestyrkande' boxes at the foot of every page. */
  footerBoxes: boolean;
  sections: Section[];
}
