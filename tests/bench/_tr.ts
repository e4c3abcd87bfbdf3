import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { classifyIntents } from '../../guardrails/index.js';
const lines: string[] = [];
for (const f of readdirSync('tests/transcripts').filter((f) => f.endsWith('.yaml'))) {
  const doc = parse(readFileSync(`tests/transcripts/${f}`, 'utf8')) as { steps?: Array<{ consumer?: string }> };
  for (const s of doc.steps ?? []) if (typeof s.consumer === 'string') lines.push(s.consumer);
}
let n = 0;
for (const t of lines) {
  const c = classifyIntents(t);
  const extra = Object.entries(c.layers.model.scores).filter(([i, s]) => (s ?? 0) >= Number(process.env.T ?? 0.5) && !c.layers.phrases.includes(i as never));
  if (extra.length) { n++; console.log(JSON.stringify(t).slice(0, 70), extra.map(([i, s]) => `${i}:${(s ?? 0).toFixed(2)}`).join(' ')); }
}
console.log(n, 'of', lines.length);
