// Scores one tool's report against the corpus's expected.tsv (the planted pitfalls):
//   node check_expected.mjs cio-lint|ast-grep|grep REPORT CORPUS
// Prints "found F of N planted" and, for cio-lint, the misses and the findings nothing
// was planted for. A tool finds a planted pitfall when it reports that rule (ast-grep's
// rule ids and the grep audit's pipelines are mapped to cio-lint's) in that file.
import { readFileSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';

const [tool, reportPath, corpus] = process.argv.slice(2);
const clean = (file) => (isAbsolute(file) ? relative(corpus, file) : file.replace(/^\.\//, ''));
const astGrepRule = (id) =>
  id.startsWith('millisecond-timestamp') ? 'CIO002'
  : id.startsWith('dynamic-event-name') ? 'CIO006'
  : id.startsWith('client-per-request') ? 'CIO009' : id;
// The grep audit prints "P<n>\tpath:line:text"; pipeline n looks for the pitfall below.
const grepRule = { P1: 'CIO002', P2: 'CIO009', P3: 'CIO006', P4: 'CIO007' };

let hits = [];  // [file, rule]
const text = readFileSync(reportPath, 'utf8');
if (tool === 'cio-lint') {
  hits = JSON.parse(text).findings.map((f) => [clean(f.file), f.rule]);
} else if (tool === 'ast-grep') {
  hits = (text.trim() ? JSON.parse(text) : []).map((m) => [clean(m.file), astGrepRule(m.ruleId)]);
} else if (tool === 'grep') {
  for (const line of text.split('\n').filter(Boolean)) {
    const [tag, rest] = line.split('\t');
    hits.push([clean(rest.slice(0, rest.indexOf(':'))), grepRule[tag]]);
  }
} else {
  console.error(`unknown tool ${tool}`);
  process.exit(2);
}
const found = new Set(hits.map(([f, r]) => `${f}\t${r}`));
const expected = readFileSync(join(corpus, 'expected.tsv'), 'utf8').split('\n').filter(Boolean);
const planted = new Set(expected);
const misses = expected.filter((line) => !found.has(line));
console.log(`found ${expected.length - misses.length} of ${expected.length} planted`);
if (tool === 'cio-lint') {
  for (const m of misses.slice(0, 20)) console.log(`missed ${m}`);
  const other = {};
  for (const [f, r] of hits) if (!planted.has(`${f}\t${r}`)) other[r] = (other[r] || 0) + 1;
  const list = Object.entries(other).map(([r, n]) => `${r} x${n}`).join(', ');
  console.log(`findings nothing was planted for: ${list || 'none'}`);
}
process.exit(misses.length && tool === 'cio-lint' ? 1 : 0);
