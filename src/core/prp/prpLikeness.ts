// Whether a markdown file looks like a PRP, cheaply and without the parser: the extension warms up its run code
// when one is opened (src/vscode/run/warmUp.ts), so this runs on editor switches and must stay a quick scan.
import { isTaskKeywordLine } from './taskStarts';

/** Characters looked at: a PRP's marks come early, and a huge markdown file must not cost a long scan. */
const HEAD_CHARS = 64 * 1024;

/** A folder named PRPs (any case) anywhere in the path, as the PRP method keeps them. */
const PRP_FOLDER = /(^|[\\/])prps[\\/]/i;

/** Section headings of the English PRP templates (v2 and v3 lineages). */
const TEMPLATE_HEADING = /^#{1,4}[ \t]*(Implementation Blueprint|Validation (Loop|Gates|Commands)|All Needed Context|Implementation Tasks)\b/im;

/** True when `path` is in a PRPs folder, or `text` has a PRP template's headings or a `Task N:` line (any language). */
export function looksLikePrp(path: string, text: string): boolean {
  if (PRP_FOLDER.test(path)) return true;
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  return TEMPLATE_HEADING.test(head) || head.split('\n').some(isTaskKeywordLine);
}
