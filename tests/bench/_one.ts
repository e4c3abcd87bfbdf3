import { classifyIntents } from '../../guardrails/index.js';
for (const t of process.argv.slice(2)) { const c = classifyIntents(t); console.log(t, c.intents, c.possible, JSON.stringify(Object.fromEntries(Object.entries(c.layers.model.scores).filter(([, s]) => (s ?? 0) > 0.2)))); }
