/** How bad a finding is: error = AWS would reject it; warning = accepted but almost surely wrong; information = advice. */
export type Severity = 'error' | 'warning' | 'information';

/** A half-open range of character offsets [start, end) in the document text. */
export interface Range {
  start: number;
  end: number;
}

/** A text edit on the document: replace [start, end) with newText. */
export interface TextEdit extends Range {
  newText: string;
}

/** A quick fix: a title and the edits that carry it out. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** Another place in the document that explains a finding ("the other step is here"). */
export interface RelatedLocation extends Range {
  message: string;
}

/** One problem found in a document, with offsets into its text. */
export interface Finding extends Range {
  code: string;
  severity: Severity;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Set for findings that mark dead or redundant text (rendered faded in the editor). */
  unnecessary?: boolean;
}
