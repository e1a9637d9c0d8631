// Reads cio-lint's JSON report and the corpus's expected.tsv; prints how many planted
// pitfalls were found and lists the misses. Exit 1 on any miss.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [reportPath, corpus] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const found = new Set(report.findings.map((f) => `${f.file.replace(/^\.\//, '')}\t${f.rule}`));
const expected = readFileSync(join(corpus, 'expected.tsv'), 'utf8').trim().split('\n').filter(Boolean);
const misses = expected.filter((line) => !found.has(line));
console.log(`planted ${expected.length}`);
console.log(`found ${expected.length - misses.length}`);
for (const m of misses.slice(0, 20)) console.log(`missed ${m}`);
process.exit(misses.length ? 1 : 0);
