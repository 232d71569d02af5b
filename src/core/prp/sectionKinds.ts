// What a section is for, judged from its heading in English and the languages PRPs are seen in.
// Order matters: "Per task pseudocode" is noise, not tasks; "Final validation Checklist" is a checklist.
import type { MarkdownOutline } from './markdownOutline';

export type SectionKind = 'tasks' | 'validation' | 'checklist' | 'success' | 'noise' | 'report' | 'other';

/** Reports of work done (status, progress, changelog, results): not the plan, whatever they list. */
const REPORT = /\bstatus\b|\bprogress\b|\breports?\b|change ?log|\bhistory\b|\bresults\b|what was done|\bestado\b|\bprogreso\b|\binforme\b|registro de cambios|\bhistorial\b|\bresultados\b|\bandamento\b|relat[oó]rio|\bprogresso\b|hist[oó]rico|状态|狀態|进度|進度|进展|進展|报告|報告|变更|變更|更新日志|状況|進捗|変更履歴|実施結果|상태|진행 ?(?:상황|현황)|보고|변경 ?(?:내역|이력)|fortschritt|bericht|\bstatut\b|\brapport\b|avancement/;
const CHECKLIST = /checklist|check list|チェックリスト|检查清单|檢查清單|核对清单|核對清單|检查表|檢查表|체크리스트|lista de (?:verificaci[oó]n|comprobaci[oó]n|verifica[cç][aã]o)|liste de contr[oô]le|checkliste/;
const VALIDATION = /validat|validier|\bgates?\b|検証|验证|驗證|검증|validaci[oó]n|valida[cç][aã]o|pr[uü]fung|проверк|валидац/;
const SUCCESS = /success (?:criteria|definition)|acceptance criteria|成功基準|成功标准|成功標準|受け入れ基準|验收标准|驗收標準|criterios de (?:[eé]xito|aceptaci[oó]n)|crit[eè]res de (?:succ[eè]s|r[eé]ussite)|erfolgskriterien|akzeptanzkriterien/;
const NOISE = /pseudo ?-?code|anti-?patterns?|gotchas?|quirks|references|codebase tree|\btree\b|integration points?|data models?|\bpatterns?\b|擬似コード|疑似コード|伪代码|偽代碼|アンチパターン|反模式|参考資料|参考文献|参照/;
const TASKS = /\btasks?\b|implementation|blueprint|\bplan\b|\bsteps?\b|\bphases?\b|roadmap|実装|タスク|任務|任务|实现|實現|實作|实施|実施|구현|작업|implementaci[oó]n|tareas|impl[eé]mentation|t[aâ]ches|umsetzung|aufgaben|implementa[cç][aã]o|tarefas|реализац|задач/;

/** Heading text without emoji, markdown emphasis or leading numbering, lower-cased. */
export function normalizeHeading(title: string): string {
  return title
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu, '')
    .replace(/[*_`]/g, '')
    .replace(/^\s*\d+(?:\.\d+)*[.)]?\s+/, '')
    .trim()
    .toLowerCase();
}

export function headingKind(title: string): SectionKind {
  const t = normalizeHeading(title);
  if (REPORT.test(t)) return 'report';
  if (CHECKLIST.test(t)) return 'checklist';
  if (SUCCESS.test(t)) return 'success';
  if (NOISE.test(t)) return 'noise';
  if (VALIDATION.test(t)) return 'validation';
  if (TASKS.test(t)) return 'tasks';
  return 'other';
}

/**
 * The kind of every section, inherited from the nearest ancestor that has one.
 * `forced` overrides a section's own kind (task and level headings are known from their shape).
 */
export function sectionKinds(outline: MarkdownOutline, forced: Map<number, SectionKind>): SectionKind[] {
  const kinds: SectionKind[] = [];
  for (const entry of outline.flat) {
    const parent = entry.parent >= 0 ? kinds[entry.parent] : 'other';
    // Everything inside a report is the report; everything inside a task heading is that task.
    if (parent === 'report' || (parent === 'tasks' && forced.get(entry.parent) === 'tasks')) {
      kinds.push(parent);
      continue;
    }
    const own = forced.get(entry.index) ?? headingKind(entry.section.title);
    // A checklist's sub-headings ("Technical Validation") are groups of the checklist, whatever they say.
    const inherits = own === 'other' || ((parent === 'checklist' || parent === 'success') && !forced.has(entry.index));
    kinds.push(inherits && entry.parent >= 0 ? parent : own);
  }
  return kinds;
}

/** Per line: the kind of its innermost section ('other' before the first heading). */
export function lineKinds(outline: MarkdownOutline, kinds: SectionKind[]): SectionKind[] {
  const out: SectionKind[] = new Array<SectionKind>(outline.lines.length);
  for (let i = 0; i < outline.lines.length; i++) {
    const s = outline.sectionAt[i];
    out[i] = s >= 0 ? kinds[s] : 'other';
  }
  return out;
}
